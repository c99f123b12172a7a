// The Idempotency-Key of an imported entry, derived from what identifies it
// (its source row, else its name and type) and never from its secret: the
// same file imported again, from the CLI or the console, sends the same keys,
// so a retried or repeated import creates nothing twice.
import type { ImportEntry } from './entry.js';

/** `import.<kind>.<40 hex of SHA-256>`; Web Crypto's digest, so browsers and Node compute the same key. */
export async function idempotencyKey(kind: string, entry: ImportEntry): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // Browsers offer Web Crypto to secure contexts only (HTTPS, localhost).
  if (!subtle) throw new Error('this page is not a secure context (HTTPS or localhost): it cannot derive import keys');
  const identity = JSON.stringify(entry.rowKey !== undefined ? [entry.rowKey] : [entry.body.name, entry.body.type]);
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(identity)));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `import.${kind}.${hex.slice(0, 40)}`;
}
