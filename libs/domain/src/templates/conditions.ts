// Where a template field's value lives in a request, and which fields a request's choices switch on.
import type { CredentialInput, CredentialTemplate, TemplateField } from './types.js';

/** The request-body path of a field: `username`, `secret`, `extra.port`. */
export function fieldPath(field: TemplateField): string {
  return field.target;
}

/** The `extra` key of an `extra.*` field, else undefined. */
export function extraKey(field: TemplateField): string | undefined {
  return field.target.startsWith('extra.') ? field.target.slice('extra.'.length) : undefined;
}

export function readField(input: CredentialInput, extra: Record<string, unknown>, field: TemplateField): unknown {
  const key = extraKey(field);
  if (key !== undefined) return Object.hasOwn(extra, key) ? extra[key] : undefined;
  return input[field.target as 'username' | 'secret' | 'host' | 'purpose'];
}

/** Missing as far as "required" is concerned: absent, null, or only whitespace. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The string value of every field a `when` refers to, defaults applied, so a
 * request that leaves `auth_method` out gets the default branch.
 */
export function conditionValues(
  template: CredentialTemplate,
  input: CredentialInput,
  extra: Record<string, unknown>,
): Record<string, string> {
  const referenced = new Set(template.fields.flatMap((field) => Object.keys(field.when ?? {})));
  const values: Record<string, string> = {};
  for (const field of template.fields) {
    if (!referenced.has(field.name)) continue;
    const raw = readField(input, extra, field);
    const value = isBlank(raw) ? field.default : raw;
    if (typeof value === 'string') values[field.name] = value.trim();
    else if (typeof value === 'number' || typeof value === 'boolean') values[field.name] = String(value);
  }
  return values;
}

export function isActive(field: TemplateField, values: Record<string, string>): boolean {
  return Object.entries(field.when ?? {}).every(([name, expected]) => values[name] === expected);
}

/** The one field whose value is the credential's secret under these choices. */
export function activeSecretField(template: CredentialTemplate, values: Record<string, string>): TemplateField | undefined {
  return template.fields.find((field) => field.target === 'secret' && isActive(field, values));
}

/** "when auth_method is api_token", for messages about conditional fields. */
export function describeWhen(field: TemplateField): string {
  const parts = Object.entries(field.when ?? {}).map(([name, value]) => `${name} is ${value}`);
  return parts.length === 0 ? '' : ` when ${parts.join(' and ')}`;
}
