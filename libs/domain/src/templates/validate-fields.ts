// Template rules: required and conditional fields, kinds, formats, and the secret.
import { conflictingAlias, describeWhen, fieldPath, isActive, isBlank, isRequired, readField, sourcePath } from './conditions.js';
import { valueProblem } from './field-values.js';
import type { IssueList } from './issues.js';
import type { CredentialInput, CredentialTemplate, TemplateField } from './types.js';

/** 64 KiB of UTF-8: the secret is sealed as one value and travels in every reveal. */
export const MAX_SECRET_BYTES = 64 * 1024;

/** Checks every non-secret field active under `values`; inactive fields are ignored (and dropped on normalise). */
export function checkTemplateFields(
  issues: IssueList,
  template: CredentialTemplate,
  input: CredentialInput,
  extra: Record<string, unknown>,
  values: Record<string, string>,
): void {
  for (const field of template.fields) {
    if (field.target === 'secret' || !isActive(field, values)) continue;
    const path = fieldPath(field);
    if (issues.has(path)) continue;
    const conflict = conflictingAlias(input, extra, field);
    if (conflict) issues.add(conflict, `differs from \`${path}\`; give the ${field.label.toLowerCase()} once, or the same in both`);
    const value = readField(input, extra, field);
    if (isBlank(value)) {
      if (isRequired(field, values) && field.default === undefined) issues.add(path, `${field.label} is required${describeWhen(field)}`);
      continue;
    }
    const problem = valueProblem(template, field, value);
    if (problem) issues.add(sourcePath(input, extra, field), problem);
  }
}

interface SecretRules {
  required: boolean;
  template?: CredentialTemplate;
  /** The template's active secret field, when the template is known. */
  field?: TemplateField;
}

/** The secret's own rules; no message ever includes the value. */
export function checkSecret(issues: IssueList, secret: unknown, rules: SecretRules): void {
  const { field, template } = rules;
  if (secret === undefined || secret === null) {
    if (rules.required) issues.add('secret', field ? `${field.label} is required${describeWhen(field)}` : 'required');
    return;
  }
  if (typeof secret !== 'string') return issues.add('secret', 'must be a string');
  if (secret.trim() === '') return issues.add('secret', 'must not be empty or only whitespace');
  if (utf8Length(secret) > MAX_SECRET_BYTES) {
    return issues.add('secret', `must be at most 64 KiB (${MAX_SECRET_BYTES} bytes of UTF-8)`);
  }
  if (!field || !template) return;
  if (field.kind === 'secret' && /[\r\n]/.test(secret)) {
    const fix = 'remove the line break (pasted values often end with one)';
    return issues.add('secret', `${field.label} must be a single line; ${fix}`);
  }
  const problem = valueProblem(template, field, secret);
  if (problem) issues.add('secret', problem);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
