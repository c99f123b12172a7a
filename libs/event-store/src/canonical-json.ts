// Canonical JSON: the value as JSON.stringify sees it (toJSON applied,
// undefined members and functions dropped), with object keys sorted by UTF-16
// code unit at every level. Postgres jsonb reorders keys and drops nothing
// JSON keeps, so a value and its jsonb round trip encode to the same string.

/** The JSON value JSON.stringify would produce for `value`, as plain data. */
function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

function encode(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${encode(record[key])}`);
  return `{${members.join(',')}}`;
}

export function canonicalJson(value: unknown): string {
  return encode(toJsonValue(value));
}
