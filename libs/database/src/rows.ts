/**
 * The one row of a result that has exactly one: an aggregate (`count(*)`,
 * `max(...)`), a lookup by primary key that must hit. Throws when the query
 * returned none or several, instead of reading `undefined` further on.
 */
export function singleRow<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined || rows.length > 1) throw new Error(`expected exactly one row, got ${rows.length}`);
  return row;
}
