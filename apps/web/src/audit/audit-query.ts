// The audit page's filters live in its URL query, under the names GET
// /v1/audit gives them, so a filtered view can be bookmarked, shared and
// reloaded. They are ids, actions, outcomes and instants: never a secret.
import { AUDIT_FILTERS, type AuditFilter } from '#client';

/** The filters a query string carries; unknown parameters and empty values are dropped. */
export function filterFromSearch(search: string): AuditFilter {
  const params = new URLSearchParams(search);
  const filter: AuditFilter = {};
  for (const name of AUDIT_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filter[name] = value;
  }
  return filter;
}

/** `?name=value&…` in the API's order, or '' without a filter. */
export function searchOf(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTERS) {
    const value = filter[name]?.trim();
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
