// The stored shape of a validated request: trimmed, defaults applied, numbers coerced.
import type { CredentialMetadata } from '../credentials/types.js';
import { isPlainObject } from '../shared/json.js';
import { getTemplate } from './catalogue.js';
import { conditionValues, extraKey, inferredChoice, isActive, isBlank, readField } from './conditions.js';
import { coerceValue } from './field-values.js';
import { parseInstant } from './instant.js';
import type { CredentialInput, CredentialTemplate } from './types.js';

export interface NormalizedCredential {
  credentialType: string;
  metadata: CredentialMetadata;
  /** Exactly as sent: a secret's bytes are never trimmed. */
  secret: string | undefined;
}

/**
 * Call only after validateCredentialInput returned []. Extra settings of
 * fields switched off by a condition are dropped (proxmox with password auth
 * keeps no token_name); blank optional settings are dropped too.
 */
export function normalizeCredentialInput(input: CredentialInput): NormalizedCredential {
  const credentialType = typeof input.type === 'string' ? input.type.trim() : '';
  const template = getTemplate(credentialType);
  const rawExtra = isPlainObject(input.extra) ? input.extra : {};
  const values = template ? conditionValues(template, input, rawExtra) : {};
  const topLevel = (target: 'username' | 'host' | 'purpose') => {
    const field = template?.fields.find((f) => f.target === target && isActive(f, values));
    // A value given under an alias (`extra.host`) is the credential's own.
    const value = textOrNull(field ? readField(input, rawExtra, field) : input[target]);
    return value === null && typeof field?.default === 'string' ? field.default : value;
  };
  const metadata: CredentialMetadata = {
    name: typeof input.name === 'string' ? input.name.trim() : '',
    username: topLevel('username'),
    host: topLevel('host'),
    purpose: topLevel('purpose'),
    extra: template ? normalizeExtra(template, input, rawExtra, values) : { ...rawExtra },
    labels: Array.isArray(input.labels) ? [...new Set(input.labels.filter((l) => typeof l === 'string'))] : [],
    description: textOrNull(input.description),
    expiresAt: typeof input.expiresAt === 'string' ? (parseInstant(input.expiresAt) ?? null) : null,
  };
  return { credentialType, metadata, secret: typeof input.secret === 'string' ? input.secret : undefined };
}

function normalizeExtra(
  template: CredentialTemplate,
  input: CredentialInput,
  rawExtra: Record<string, unknown>,
  values: Record<string, string>,
): Record<string, unknown> {
  const declared = new Map(template.fields.map((field) => [extraKey(field), field] as const));
  // Undeclared keys survive only where validation allowed them (custom).
  const extra: Record<string, unknown> = Object.fromEntries(Object.entries(rawExtra).filter(([key]) => !declared.has(key)));
  for (const field of template.fields) {
    const key = extraKey(field);
    if (key === undefined || !isActive(field, values)) continue;
    const raw = Object.hasOwn(rawExtra, key) ? rawExtra[key] : undefined;
    const value = isBlank(raw) ? (inferredChoice(field, input.secret) ?? field.default) : coerceValue(field, raw);
    if (value !== undefined) extra[key] = value;
  }
  return extra;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
