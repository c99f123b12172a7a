// Rules every credential follows whatever its type.
import { TEMPLATE_TYPES, getTemplate } from './catalogue.js';
import { parseInstant } from './instant.js';
import { type IssueList, quote } from './issues.js';
import type { CredentialInput, CredentialTemplate } from './types.js';
import { NAME_RULE, nameProblem, normalizeName } from '../credentials/name.js';

export const LABEL_PATTERN = /^[a-z0-9][a-z0-9_.:=-]{0,62}$/;
export const MAX_LABELS = 32;
export const MAX_SHORT_TEXT = 512;
export const MAX_DESCRIPTION = 2000;

const isMissing = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export function checkName(issues: IssueList, name: unknown): void {
  if (isMissing(name)) issues.add('name', `required: ${NAME_RULE}`);
  else if (typeof name !== 'string') issues.add('name', `must be a string: ${NAME_RULE}`);
  else {
    const problem = nameProblem(normalizeName(name));
    if (problem) issues.add('name', problem);
  }
}

export function checkType(issues: IssueList, type: unknown): CredentialTemplate | undefined {
  const known = `one of ${TEMPLATE_TYPES.join(', ')}`;
  if (isMissing(type)) {
    issues.add('type', `required; ${known}`);
    return undefined;
  }
  if (typeof type !== 'string') {
    issues.add('type', `must be a string; ${known}`);
    return undefined;
  }
  const template = getTemplate(type.trim());
  if (!template) issues.add('type', `unknown type ${quote(type)}; ${known}`);
  return template;
}

/** Optional free text: absent, null, or a string of at most `max` characters once trimmed. */
export function checkOptionalText(issues: IssueList, field: string, value: unknown, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || value.trim().length > max) {
    issues.add(field, `must be a string of at most ${max} characters, or null`);
  }
}

export function checkLabels(issues: IssueList, labels: unknown): void {
  if (labels === undefined || labels === null) return;
  if (!Array.isArray(labels)) {
    issues.add('labels', `must be an array of up to ${MAX_LABELS} labels such as "env:prod"`);
    return;
  }
  if (labels.length > MAX_LABELS) issues.add('labels', `at most ${MAX_LABELS} labels; got ${labels.length}`);
  labels.forEach((label, index) => {
    if (typeof label !== 'string' || !LABEL_PATTERN.test(label)) {
      issues.add(`labels.${index}`, "must be 1–63 characters of a-z, 0-9, '_', '.', ':', '=' and '-', starting with a letter or digit");
    }
  });
}

export function checkExpiresAt(issues: IssueList, expiresAt: unknown): void {
  if (expiresAt === undefined || expiresAt === null) return;
  if (typeof expiresAt !== 'string' || parseInstant(expiresAt) === undefined) {
    issues.add('expiresAt', 'must be an ISO-8601 instant with a time zone, e.g. 2027-01-31T00:00:00Z, or null');
  }
}

/** The type-independent fields of a request body. */
export function checkCommonFields(issues: IssueList, input: CredentialInput): void {
  checkName(issues, input.name);
  checkOptionalText(issues, 'username', input.username, MAX_SHORT_TEXT);
  checkOptionalText(issues, 'host', input.host, MAX_SHORT_TEXT);
  checkOptionalText(issues, 'purpose', input.purpose, MAX_SHORT_TEXT);
  checkLabels(issues, input.labels);
  checkOptionalText(issues, 'description', input.description, MAX_DESCRIPTION);
  checkExpiresAt(issues, input.expiresAt);
}
