/** `value` as an ISO-8601 instant when it is one, else `fallback` (events recorded by older code may lack `at`). */
export function instantOr(value: unknown, fallback: Date): string {
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return new Date(Number.isNaN(parsed) ? fallback.getTime() : parsed).toISOString();
}
