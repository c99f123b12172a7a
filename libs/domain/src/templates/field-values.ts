// Kind and format rules for one template field's value. Problems are phrased
// without the value itself, so a secret never reaches a message.
import { isPlainObject } from '../shared/json.js';
import type { CredentialTemplate, FieldFormat, TemplateField } from './types.js';

/** Text fields without an explicit maxLength. */
export const DEFAULT_TEXT_MAX = 512;
const WHOLE_NUMBER = /^\s*-?\d+\s*$/;

/** A number field's value as a whole number, accepting numeric strings; undefined if it is not one. */
export function toWholeNumber(value: unknown): number | undefined {
  if (typeof value === 'string' && WHOLE_NUMBER.test(value)) value = Number(value);
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** The stored form of a valid value: trimmed text, numeric strings as numbers. */
export function coerceValue(field: TemplateField, value: unknown): unknown {
  if (field.kind === 'number') return toWholeNumber(value) ?? value;
  if (typeof value === 'string' && field.kind !== 'secret' && field.kind !== 'multiline_secret') return value.trim();
  return value;
}

/** What is wrong with a present, non-secret value of `field`, or undefined. */
export function valueProblem(template: CredentialTemplate, field: TemplateField, value: unknown): string | undefined {
  switch (field.kind) {
    case 'number':
      return numberProblem(field.format, value);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'select':
      return selectProblem(field, value);
    case 'url':
      return urlProblem(value);
    case 'object':
      return isPlainObject(value) ? undefined : 'must be a JSON object, e.g. {"notes": "…"}';
    case 'text':
      if (typeof value !== 'string') return 'must be a string';
      return formatProblem(template, field, value.trim(), DEFAULT_TEXT_MAX);
    case 'secret':
    case 'multiline_secret':
      return typeof value === 'string' ? formatProblem(template, field, value, undefined) : 'must be a string';
  }
}

function numberProblem(format: FieldFormat | undefined, value: unknown): string | undefined {
  const number = toWholeNumber(value);
  const { min, max } = format ?? {};
  const inRange = number !== undefined && (min === undefined || number >= min) && (max === undefined || number <= max);
  if (inRange) return undefined;
  if (min !== undefined && max !== undefined) return `must be a whole number between ${min} and ${max}`;
  if (min !== undefined) return `must be a whole number of at least ${min}`;
  if (max !== undefined) return `must be a whole number of at most ${max}`;
  return 'must be a whole number';
}

function selectProblem(field: TemplateField, value: unknown): string | undefined {
  if (typeof value === 'string' && canonicalChoice(field, value) !== undefined) return undefined;
  const allowed = (field.options ?? []).flatMap((option) => [option.value, ...(option.aliases ?? [])]);
  return `must be one of ${allowed.join(', ')}`;
}

/** The option a select value stands for (its own value or one of its aliases), trimmed; undefined if none. */
export function canonicalChoice(field: TemplateField, value: string): string | undefined {
  const trimmed = value.trim();
  return field.options?.find((option) => option.value === trimmed || option.aliases?.includes(trimmed))?.value;
}

function urlProblem(value: unknown): string | undefined {
  const problem = 'must be an http(s) URL such as https://api.example.com';
  if (typeof value !== 'string') return problem;
  const trimmed = value.trim();
  if (trimmed.length > 2048 || !URL.canParse(trimmed)) return problem;
  const { protocol } = new URL(trimmed);
  return protocol === 'https:' || protocol === 'http:' ? undefined : problem;
}

/** Length, prefix and pattern rules; `defaultMax` applies when the format sets no maxLength. */
export function formatProblem(
  template: CredentialTemplate,
  field: TemplateField,
  value: string,
  defaultMax: number | undefined,
): string | undefined {
  const format = field.format ?? {};
  const maxLength = format.maxLength ?? defaultMax;
  if (maxLength !== undefined && value.length > maxLength) return `must be at most ${maxLength} characters`;
  if (format.prefixes && !format.prefixes.some((prefix) => value.startsWith(prefix))) {
    return `${template.label} ${plural(field.label)} start with ${format.prefixes.join(' or ')}`;
  }
  if (format.minLength !== undefined && value.length < format.minLength) {
    return `must be at least ${format.minLength} characters`;
  }
  if (format.pattern !== undefined && !new RegExp(format.pattern).test(value)) {
    return format.hint ? `must be ${format.hint}` : `must match ${format.pattern}`;
  }
  return undefined;
}

/** "API key" -> "API keys", "Access token" -> "access tokens": reads naturally after the template label. */
function plural(label: string): string {
  const keepCase = label.length > 1 && label[1] === label[1]?.toUpperCase();
  return `${keepCase ? label : label[0]?.toLowerCase() + label.slice(1)}s`;
}
