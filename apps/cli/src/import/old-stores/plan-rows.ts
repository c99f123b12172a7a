// The part every old-store importer shares: each row becomes an entry, a
// skip with its reason, or a failure of that row alone (a value that does
// not decrypt: tampered, or under another key), never of the whole import.
import { BrokerCipherError, FernetError, brokerDecrypt, fernetDecrypt, type FernetKey } from '#crypto';
import type { ImportEntry, ImportPlan } from '#env-import';

/** This row cannot be imported; the message names no value. */
export class RowFailure extends Error {}

export type RowOutcome = Omit<ImportEntry, 'source'> | { skip: string };

export function planRows<T>(rows: T[], sourceOf: (row: T, index: number) => string, map: (row: T) => RowOutcome): ImportPlan {
  const plan: Required<ImportPlan> = { entries: [], skipped: [], failed: [] };
  rows.forEach((row, index) => {
    const source = sourceOf(row, index);
    try {
      const outcome = map(row);
      if ('skip' in outcome) plan.skipped.push({ source, reason: outcome.skip });
      else plan.entries.push({ source, ...outcome });
    } catch (error) {
      if (!(error instanceof RowFailure)) throw error;
      plan.failed.push({ source, reason: error.message });
    }
  });
  return plan;
}

/** A Fernet token's plaintext as UTF-8 text, or the row fails. */
export function fernetText(token: string, key: FernetKey, what = 'the secret'): string {
  try {
    return utf8(fernetDecrypt(token, key), what);
  } catch (error) {
    if (error instanceof FernetError) throw new RowFailure(`${what}: ${error.message}`);
    throw error;
  }
}

/** A broker value's plaintext as UTF-8 text, or the row fails. */
export function brokerText(stored: string, key: Buffer, what = 'the password'): string {
  try {
    return utf8(brokerDecrypt(stored, key), what);
  } catch (error) {
    if (error instanceof BrokerCipherError) throw new RowFailure(`${what}: ${error.message}`);
    throw error;
  }
}

function utf8(bytes: Buffer, what: string): string {
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new RowFailure(`${what} decrypted, but is not UTF-8 text`);
  return text;
}

/** `table #42 (name)`: how the plan and the report name a row. */
export function rowName(table: string, id: string | undefined, index: number, name?: string): string {
  return `${table} ${id !== undefined ? `#${id}` : `row ${index + 1}`}${name ? ` (${name})` : ''}`;
}

/** `user:<name>` as a label allows it: lower case, other characters as `_`, at most 63 characters. */
export function userLabel(user: string): string {
  const cleaned = user.toLowerCase().replace(/[^a-z0-9_.:=-]/g, '_');
  return `user:${cleaned}`.slice(0, 63);
}
