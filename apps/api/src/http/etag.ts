import { KeyledgerError } from '#domain';

/** A credential's ETag is its stream version: any change to the stream changes it. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Parses `If-Match`: `"3"`, `W/"3"`, `3` or `*`. Returns undefined when absent
 * or `*` (any current version), the version otherwise.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) {
    throw new KeyledgerError('VALIDATION_FAILED', 'If-Match must be an ETag returned by this API, e.g. "3"', [
      { field: 'If-Match', message: 'must be an ETag such as "3"' },
    ]);
  }
  return Number(match[1]);
}
