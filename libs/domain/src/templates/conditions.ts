// Where a template field's value lives in a request, and which fields a request's choices switch on.
import { canonicalChoice } from './field-values.js';
import type { CredentialInput, CredentialTemplate, TemplateField } from './types.js';

/** The request-body path of a field: `username`, `secret`, `extra.port`. */
export function fieldPath(field: TemplateField): string {
  return field.target;
}

/** The `extra` key of an `extra.*` field, else undefined. */
export function extraKey(field: TemplateField): string | undefined {
  return field.target.startsWith('extra.') ? field.target.slice('extra.'.length) : undefined;
}

/** The value at a request path (`host`, `extra.port`). */
function readPath(input: CredentialInput, extra: Record<string, unknown>, path: string): unknown {
  if (path.startsWith('extra.')) {
    const key = path.slice('extra.'.length);
    return Object.hasOwn(extra, key) ? extra[key] : undefined;
  }
  return input[path as 'username' | 'secret' | 'host' | 'purpose'];
}

/** A field's value: at its own path, else at the first of its aliases that holds one. */
export function readField(input: CredentialInput, extra: Record<string, unknown>, field: TemplateField): unknown {
  return readPath(input, extra, sourcePath(input, extra, field));
}

/** The path a field's value is read from: its own, or the alias that carries it; issues about the value name it. */
export function sourcePath(input: CredentialInput, extra: Record<string, unknown>, field: TemplateField): string {
  if (!isBlank(readPath(input, extra, field.target))) return field.target;
  return field.aliases?.find((alias) => !isBlank(readPath(input, extra, alias))) ?? field.target;
}

/** The alias that carries a value other than the field's own, when both are given (e.g. `extra.host` against `host`). */
export function conflictingAlias(input: CredentialInput, extra: Record<string, unknown>, field: TemplateField): string | undefined {
  const own = readPath(input, extra, field.target);
  if (isBlank(own)) return undefined;
  const same = (value: unknown) => (typeof value === 'string' && typeof own === 'string' ? value.trim() === own.trim() : value === own);
  return field.aliases?.find((alias) => {
    const value = readPath(input, extra, alias);
    return !isBlank(value) && !same(value);
  });
}

/** Missing as far as "required" is concerned: absent, null, or only whitespace. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The string value of every field a `when` or `requiredWhen` refers to,
 * defaults applied, so a request that leaves `auth_method` out gets the
 * default branch. A select's alias counts as the option it stands for; a
 * blank select that infers its choice from the secret does so when the
 * request carries one.
 */
export function conditionValues(
  template: CredentialTemplate,
  input: CredentialInput,
  extra: Record<string, unknown>,
): Record<string, string> {
  const referenced = new Set(
    template.fields.flatMap((field) => [...Object.keys(field.when ?? {}), ...Object.keys(field.requiredWhen ?? {})]),
  );
  const values: Record<string, string> = {};
  for (const field of template.fields) {
    if (!referenced.has(field.name)) continue;
    const raw = readField(input, extra, field);
    const value = isBlank(raw) ? (inferredChoice(field, input.secret) ?? field.default) : raw;
    if (typeof value === 'string') values[field.name] = canonicalChoice(field, value) ?? value.trim();
    else if (typeof value === 'number' || typeof value === 'boolean') values[field.name] = String(value);
  }
  return values;
}

/** The choice a blank select infers from the request's secret, if it infers one and a secret was sent. */
export function inferredChoice(field: TemplateField, secret: unknown): string | undefined {
  const rule = field.inferFromSecret;
  if (!rule || typeof secret !== 'string') return undefined;
  return new RegExp(rule.pattern).test(secret) ? rule.matches : rule.otherwise;
}

/** Whether a field must have a value under these choices. */
export function isRequired(field: TemplateField, values: Record<string, string>): boolean {
  return field.required || (field.requiredWhen !== undefined && Object.entries(field.requiredWhen).every(([n, v]) => values[n] === v));
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
  const parts = Object.entries({ ...field.when, ...field.requiredWhen }).map(([name, value]) => `${name} is ${value}`);
  return parts.length === 0 ? '' : ` when ${parts.join(' and ')}`;
}
