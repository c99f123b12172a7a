import { getTemplate, ValidationError, type CredentialTemplate, type FieldIssue } from '#domain';
import type { CredentialResponse } from '../../credentials/credential.response.js';
import { seedMappingOf, seedNameOf, valueAt } from '../shared/seed-names.js';
import { GLASSDOME, glassdomeServiceType } from './glassdome-form.js';

/** A credential as Glassdome's credentials table holds it, without `encrypted_data`: never a secret. */
export interface GlassdomeCredential {
  id: string;
  name: string;
  service_type: string;
  /** The non-secret settings, under Glassdome's field names. */
  config: Record<string, unknown>;
  status: string;
  last_tested_at: string | null;
  last_test_status: boolean | null;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
}

/** The masked credential in Glassdome's shape; settings no template field names keep their own names. */
export function toGlassdome(credential: CredentialResponse): GlassdomeCredential {
  const template = getTemplate(credential.type);
  const config: Record<string, unknown> = { ...credential.extra };
  const mapping = template && seedMappingOf(template, GLASSDOME);
  for (const field of template?.fields ?? []) {
    const value = valueAt(credential, field.target);
    if (field.target.startsWith('extra.')) delete config[field.target.slice('extra.'.length)];
    if (value !== undefined && value !== null) config[seedNameOf(field, mapping)] = value;
  }
  return {
    id: credential.id,
    name: credential.name,
    service_type: template ? glassdomeServiceType(template) : credential.type,
    config,
    status: credential.status,
    last_tested_at: credential.lastTestedAt,
    last_test_status: lastTestStatus(credential),
    created_at: credential.createdAt,
    updated_at: credential.updatedAt,
    expires_at: credential.expiresAt,
  };
}

export function lastTestStatus(credential: CredentialResponse): boolean | null {
  return credential.lastTestStatus === null ? null : credential.lastTestStatus === 'ok';
}

/**
 * The new secret of a Glassdome rotate body: `secret`, or the credential's
 * secret field under Glassdome's name for it (`token_value`, `api_key`,
 * `client_secret`, ...) or Keyledger's. Undefined when the body names none:
 * the rotation then refuses it as /v1 does.
 */
export function rotationSecretOf(body: unknown, template: CredentialTemplate | undefined): unknown {
  const mapping = template && seedMappingOf(template, GLASSDOME);
  const secretFields = (template?.fields ?? []).filter((field) => field.target === 'secret');
  const allowed = [...new Set(['secret', ...secretFields.flatMap((field) => [seedNameOf(field, mapping), field.name])])];
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  const issues: FieldIssue[] = fields
    .filter((field) => !allowed.includes(field))
    .map((field) => ({ field, message: `${field}: not a secret of this credential; send one of ${allowed.join(', ')}` }));
  if (fields.length - issues.length > 1) {
    issues.push({ field: 'secret', message: `send the new secret once, in one of ${allowed.join(', ')}` });
  }
  if (issues.length > 0) throw new ValidationError('the rotation body is not valid for this credential', issues);
  const given = fields[0];
  return given === undefined ? undefined : (body as Record<string, unknown>)[given];
}
