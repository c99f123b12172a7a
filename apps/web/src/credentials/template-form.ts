// A credential form built from its template: which fields show under the
// current choices, the request body they make, and where the API's field
// issues belong. No per-type code: a new template needs no console change.
import type { Credential, CredentialTemplate, FieldIssue, TemplateField } from '../lib/types.js';

export type FormValues = Record<string, string | boolean>;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export function initialValues(template: CredentialTemplate, credential?: Credential): FormValues {
  const values: FormValues = {};
  for (const field of template.fields) {
    const stored = credential ? storedValue(field, credential) : undefined;
    const value = stored ?? field.default;
    if (field.kind === 'boolean') values[field.name] = value === true || value === 'true';
    else if (field.kind === 'object') values[field.name] = value === undefined ? '' : JSON.stringify(value, null, 2);
    else values[field.name] = text(value);
  }
  return values;
}

function storedValue(field: TemplateField, credential: Credential): unknown {
  if (field.target === 'secret') return undefined;
  if (field.target.startsWith('extra.')) return credential.extra[field.target.slice('extra.'.length)];
  return credential[field.target as 'username' | 'host' | 'purpose'] ?? undefined;
}

function matches(condition: Record<string, string> | undefined, values: FormValues): boolean {
  return !condition || Object.entries(condition).every(([name, expected]) => text(values[name]) === expected);
}

/** The fields that show under the current choices (a `when` not met hides its field). */
export function visibleFields(template: CredentialTemplate, values: FormValues, editing: boolean): TemplateField[] {
  return template.fields.filter((f) => matches(f.when, values) && !(editing && f.target === 'secret'));
}

export function isRequired(field: TemplateField, values: FormValues): boolean {
  return field.required || (field.requiredWhen !== undefined && matches(field.requiredWhen, values));
}

/** A short hint from the field's format: expected prefixes, range or shape. */
export function formatHint(field: TemplateField): string {
  const f = field.format;
  if (!f) return '';
  if (f.prefixes?.length) return `Starts with ${f.prefixes.join(' or ')}`;
  if (f.min !== undefined || f.max !== undefined) return `From ${f.min ?? '…'} to ${f.max ?? '…'}`;
  return f.hint ?? '';
}

export interface CommonValues {
  name: string;
  labels: string;
  description: string;
  expiresAt: string;
}

/** The create (or PATCH) body: blank optional fields are left out, numbers and objects parsed. */
export function requestBody(
  template: CredentialTemplate,
  values: FormValues,
  common: CommonValues,
  editing: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = { name: common.name.trim() };
  if (!editing) body.type = template.type;
  const extra: Record<string, unknown> = {};
  for (const field of visibleFields(template, values, editing)) {
    const raw = values[field.name];
    let value: unknown = raw;
    if (field.kind === 'boolean') value = raw === true;
    else if (typeof raw === 'string' && raw.trim() === '') continue;
    else if (field.kind === 'number') value = Number(raw);
    else if (field.kind === 'object') value = parseObject(String(raw));
    else if (field.target !== 'secret' && typeof raw === 'string') value = raw.trim();
    if (field.target.startsWith('extra.')) extra[field.target.slice('extra.'.length)] = value;
    else body[field.target] = value;
  }
  if (Object.keys(extra).length > 0 || editing) body.extra = extra;
  const labels = common.labels
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (labels.length > 0 || editing) body.labels = labels;
  if (common.description.trim() !== '' || editing) body.description = common.description.trim() === '' ? null : common.description.trim();
  if (common.expiresAt !== '' || editing) body.expiresAt = common.expiresAt === '' ? null : new Date(common.expiresAt).toISOString();
  return body;
}

function parseObject(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    // Sent as typed: the API explains what it expected.
    return raw;
  }
}

/** The form field (by name, or `name`, `labels`, ... for the common ones) each API issue is about. */
export function issuesByField(
  template: CredentialTemplate | null,
  issues: FieldIssue[],
  values: FormValues,
  editing: boolean,
): Record<string, string> {
  // Several fields may target the secret (a password or a token): the issue is about the one showing.
  const fields = template ? visibleFields(template, values, editing) : [];
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const field = fields.find((f) => f.target === issue.field || `extra.${f.name}` === issue.field || f.name === issue.field);
    const key = field?.name ?? issue.field.split('.')[0] ?? issue.field;
    byField[key] = byField[key] ? `${byField[key]}; ${issue.message}` : issue.message;
  }
  return byField;
}
