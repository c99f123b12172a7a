import { KeyledgerError } from '#domain';

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** Validates an `Idempotency-Key` header; undefined when the request has none. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (key !== undefined && KEY.test(key)) return key;
  throw new KeyledgerError('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 . _ : -', [
    { field: 'Idempotency-Key', message: 'must be 1-200 characters of A-Z a-z 0-9 . _ : -' },
  ]);
}
