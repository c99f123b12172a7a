import { KeyledgerApiError } from '#client';
import { fieldIssues } from '../lib/api.js';

/**
 * The API's field messages of a failed request, by form field: an issue of a
 * list item (`teams.2`, `events.0`) goes under its list's field, and a taken
 * name (409 DUPLICATE_NAME) under the name.
 */
export function issuesByField(failure: unknown): Record<string, string> {
  if (failure instanceof KeyledgerApiError && failure.code === 'DUPLICATE_NAME') return { name: failure.message };
  const byField: Record<string, string> = {};
  for (const { field, message } of fieldIssues(failure)) {
    const name = field.split('.')[0] ?? field;
    byField[name] = byField[name] ? `${byField[name]}; ${message}` : message;
  }
  return byField;
}
