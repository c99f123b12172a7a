// The validators the API calls before it builds a command. Each returns every
// failing field at once; [] means the input may be normalised and used.
import type { CredentialMetadata } from '../credentials/types.js';
import type { FieldIssue } from '../errors.js';
import { isPlainObject } from '../shared/json.js';
import { getTemplate } from './catalogue.js';
import { activeSecretField, conditionValues } from './conditions.js';
import { IssueList, quote } from './issues.js';
import type { CredentialInput } from './types.js';
import { checkCommonFields, checkType } from './validate-common.js';
import { checkExtra } from './validate-extra.js';
import { checkSecret, checkTemplateFields } from './validate-fields.js';

export const METADATA_FIELDS = ['name', 'username', 'host', 'purpose', 'extra', 'labels', 'description', 'expiresAt'] as const;

const NOT_AN_OBJECT: FieldIssue = { field: 'body', message: 'body: must be a JSON object' };

/** A create body, or for updates the stored credential merged with the body. */
export function validateCredentialInput(input: CredentialInput, opts: { mode: 'create' | 'update' }): FieldIssue[] {
  if (!isPlainObject(input)) return [NOT_AN_OBJECT];
  const issues = new IssueList();
  collectInputIssues(issues, input, opts.mode === 'create');
  return issues.list();
}

function collectInputIssues(issues: IssueList, input: CredentialInput, secretRequired: boolean): void {
  checkCommonFields(issues, input);
  const template = checkType(issues, input.type);
  const extra = checkExtra(issues, template, input.extra);
  if (!template) return checkSecret(issues, input.secret, { required: secretRequired });
  const values = conditionValues(template, input, extra);
  checkTemplateFields(issues, template, input, extra, values);
  checkSecret(issues, input.secret, { required: secretRequired, template, field: activeSecretField(template, values) });
}

/**
 * A PATCH body: metadata fields only. `extra`, when given, replaces the whole
 * object. The merged result must satisfy the template, and a change may not
 * switch which secret the credential holds (that needs a new secret: PUT or rotate).
 */
export function validateMetadataChanges(type: string, current: CredentialMetadata, changes: unknown): FieldIssue[] {
  if (!isPlainObject(changes)) return [NOT_AN_OBJECT];
  const issues = new IssueList();
  const known: readonly string[] = METADATA_FIELDS;
  for (const key of Object.keys(changes)) {
    if (key === 'secret') issues.add('secret', 'cannot be changed here; use rotate (POST /v1/credentials/{id}/rotate)');
    else if (key === 'type') issues.add('type', 'cannot be changed; create a new credential of the other type');
    else if (!known.includes(key)) issues.add(key, `unknown field; one of ${METADATA_FIELDS.join(', ')}`);
  }
  const updates = Object.fromEntries(Object.entries(changes).filter(([key]) => known.includes(key)));
  const merged: CredentialInput = { ...current, ...updates, type };
  collectInputIssues(issues, merged, false);
  checkSecretFieldUnchanged(issues, type, current, merged);
  return issues.list();
}

function checkSecretFieldUnchanged(issues: IssueList, type: string, current: CredentialMetadata, merged: CredentialInput): void {
  const template = getTemplate(type);
  if (!template || !isPlainObject(merged.extra ?? {})) return;
  const before = conditionValues(template, current, current.extra);
  const after = conditionValues(template, merged, (merged.extra ?? {}) as Record<string, unknown>);
  const secretBefore = activeSecretField(template, before);
  const secretAfter = activeSecretField(template, after);
  if (secretBefore === secretAfter || !secretAfter) return;
  for (const field of template.fields) {
    if (before[field.name] === after[field.name]) continue;
    issues.add(
      field.target,
      `changing it to ${quote(after[field.name])} needs a new ${secretAfter.label}: send it with PUT /v1/credentials/{id}`,
    );
  }
}

/** A new secret for rotate, checked against the credential's current settings (e.g. proxmox auth_method). */
export function validateSecret(type: string, extra: Record<string, unknown>, secret: unknown): FieldIssue[] {
  const issues = new IssueList();
  const template = checkType(issues, type);
  if (!template) return issues.list();
  const settings = isPlainObject(extra) ? extra : {};
  const field = activeSecretField(template, conditionValues(template, { extra: settings }, settings));
  checkSecret(issues, secret, { required: true, template, field });
  return issues.list();
}
