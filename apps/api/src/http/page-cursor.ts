import { parseInstant, UUID, ValidationError } from '#domain';

/** Keyset position in a list ordered by (created_at, id): opaque to clients. */
export interface PageCursor {
  createdAt: string;
  id: string;
}

/** Before every row. */
export const FIRST_PAGE: PageCursor = Object.freeze({ createdAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' });

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): PageCursor {
  try {
    const [createdAt, id, ...rest] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    // Only a cursor this module could have written: a canonical instant (what
    // PostgreSQL takes, unlike Date.parse's 2020-02-30 or +275760-09-13), a
    // UUID, nothing else, and the same text once encoded again.
    if (
      typeof createdAt === 'string' &&
      typeof id === 'string' &&
      rest.length === 0 &&
      parseInstant(createdAt) === createdAt &&
      UUID.test(id)
    ) {
      const cursor = { createdAt, id };
      if (encodeCursor(cursor) === raw) return cursor;
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'pass the nextCursor of a previous page unchanged' }]);
}

/** The page of `limit` rows out of `limit + 1` fetched, and the cursor of the next page if there is one. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => PageCursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
