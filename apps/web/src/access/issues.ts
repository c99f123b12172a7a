import { fieldIssues } from '../lib/api.js';

/**
 * The API's field messages of a failed request, by form field: an issue of a
 * list item (`teams.2`, `events.0`) goes under its list's field.
 */
export function issuesByField(failure: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of fieldIssues(failure)) {
    const name = field.split('.')[0] ?? field;
    byField[name] = byField[name] ? `${byField[name]}; ${message}` : message;
  }
  return byField;
}
