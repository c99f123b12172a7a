import { ValidationError } from '#domain';
import type { ListAuditQueryDto } from './list-audit.dto.js';

/** Place of an entry in log order; the page order is its reverse (newest first). */
export interface AuditCursor {
  transactionId: string;
  position: number;
  entryIndex: number;
}

export interface SqlFilter {
  where: string;
  params: unknown[];
}

/** WHERE clause of an audit page in the tenant; every value travels as a parameter. */
export function auditFilter(tenant: string, f: ListAuditQueryDto, after: AuditCursor | null): SqlFilter {
  const clauses = ['tenant = ?'];
  const params: unknown[] = [tenant];
  const add = (clause: string, value: unknown) => {
    clauses.push(clause);
    params.push(value);
  };
  if (f.credentialId) add('credential_id = ?', f.credentialId.toLowerCase());
  if (f.actor) add('actor = ?', f.actor);
  if (f.action) add('action = ?', f.action);
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.from) add('at >= ?::timestamptz', f.from);
  if (f.to) add('at <= ?::timestamptz', f.to);
  if (after) {
    clauses.push('(transaction_id, position, entry_index) < (?::xid8, ?::bigint, ?::smallint)');
    params.push(after.transactionId, after.position, after.entryIndex);
  }
  return { where: clauses.join(' and '), params };
}

// entry_index is a smallint.
const MAX_ENTRY_INDEX = 32767;

export function encodeAuditCursor(c: AuditCursor): string {
  return Buffer.from(JSON.stringify([c.transactionId, c.position, c.entryIndex])).toString('base64url');
}

/** Largest xid8 (unsigned 64-bit): a larger transaction id would fail in PostgreSQL, not here. */
const MAX_XID8 = 2n ** 64n - 1n;

export function decodeAuditCursor(raw: string): AuditCursor {
  try {
    const [transactionId, position, entryIndex] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const isIndex = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
    if (
      typeof transactionId === 'string' &&
      /^\d{1,20}$/.test(transactionId) &&
      BigInt(transactionId) <= MAX_XID8 &&
      isIndex(position) &&
      isIndex(entryIndex) &&
      entryIndex <= MAX_ENTRY_INDEX
    ) {
      return { transactionId, position, entryIndex };
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'pass the nextCursor of a previous page unchanged' }]);
}
