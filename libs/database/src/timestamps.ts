/** A timestamptz as MikroORM returns it (Postgres text) in ISO-8601, or null. */
export function isoOrNull(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
