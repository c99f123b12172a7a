// Helpers for the JSON-shaped values the domain stores (metadata, `extra`).

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A `{}` literal or `Object.create(null)`: not an array, class instance or Date. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True when `value` survives JSON.stringify/parse unchanged (finite numbers only, no cycles past maxDepth). */
export function isJsonValue(value: unknown, maxDepth = 16): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (maxDepth <= 0) return false;
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, maxDepth - 1));
  if (isPlainObject(value)) return Object.values(value).every((item) => isJsonValue(item, maxDepth - 1));
  return false;
}

/** Structural equality for JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}
