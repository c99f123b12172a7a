// Cursor pagination, as every list route of the API does it: `cursor` in,
// `nextCursor` out (null on the last page).
import type { HttpTransport, Query } from '#client';

export interface Pages<T, B> {
  items: T[];
  /** Where the next page starts; null when there is none. */
  nextCursor: string | null;
  /** The body of the last page read (for totals). */
  last: B;
}

/** One page from `cursor`, or with `all` every page from there. */
export async function readPages<T, B extends { nextCursor: string | null }>(
  api: HttpTransport,
  path: string,
  query: Query,
  itemsOf: (body: B) => T[],
  options: { all?: boolean; cursor?: string | null } = {},
): Promise<Pages<T, B>> {
  const items: T[] = [];
  let cursor = options.cursor ?? null;
  let body: B;
  do {
    body = (await api.request<B>('GET', path, { query: { ...query, cursor } })).body;
    items.push(...itemsOf(body));
    cursor = body.nextCursor;
  } while (options.all && cursor !== null);
  return { items, nextCursor: cursor, last: body };
}
