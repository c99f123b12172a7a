// Reading a stored credential's settings the way its template defines them.
import { getTemplate } from './catalogue.js';
import { readField } from './conditions.js';
import { canonicalChoice } from './field-values.js';

/**
 * A stored credential's `extra` setting by its template field's name: the
 * field's own key, else the first of its aliases that holds a value
 * (`base_url` for an http_basic `url`); a select's alias reads as the option
 * it stands for (`postgresql` as `postgres`). Unknown types and names read
 * `extra[name]` as it is.
 */
export function settingOf(type: string, extra: Readonly<Record<string, unknown>>, name: string): unknown {
  const field = getTemplate(type)?.fields.find((f) => f.name === name && f.target.startsWith('extra.'));
  if (!field) return Object.hasOwn(extra, name) ? extra[name] : undefined;
  const value = readField({}, { ...extra }, field);
  return field.kind === 'select' && typeof value === 'string' ? (canonicalChoice(field, value) ?? value) : value;
}
