// How credentials look in a terminal: masked, always.
import type { Credential } from '#client';
import type { Column } from '../output.js';
import { printFields } from '../output.js';

/**
 * The default list: what tells credentials apart, in at most 100 columns
 * (names are enough to reach each one; --wide adds ids and the rest).
 * Widths: 24 + 14 + 8 + 18 + 14 + 10, and five gaps of 2.
 */
export const CREDENTIAL_COLUMNS: Column<Credential>[] = [
  ['NAME', (c) => c.name, 24],
  ['TYPE', (c) => c.type, 14],
  ['STATUS', (c) => c.status, 8],
  ['HOST', (c) => c.host, 18],
  ['SECRET', (c) => c.secretPreview, 14],
  ['UPDATED', (c) => c.updatedAt.slice(0, 10), 10],
];

export const CREDENTIAL_COLUMNS_WIDE: Column<Credential>[] = [
  ['ID', (c) => c.id],
  ['NAME', (c) => c.name],
  ['TYPE', (c) => c.type],
  ['STATUS', (c) => c.status],
  ['HOST', (c) => c.host],
  ['PURPOSE', (c) => c.purpose],
  ['SECRET', (c) => c.secretPreview],
  ['V', (c) => c.secretVersion],
  ['EXPIRES', (c) => c.expiresAt],
  ['UPDATED', (c) => c.updatedAt],
];

export function printCredential(c: Credential): void {
  printFields([
    ['id', c.id],
    ['name', c.name],
    ['type', c.type],
    ['status', c.status],
    ['username', c.username],
    ['host', c.host],
    ['purpose', c.purpose],
    ['extra', c.extra],
    ['labels', c.labels],
    ['description', c.description],
    ['secret', `${c.secretPreview ?? '-'} (version ${c.secretVersion})`],
    ['expires', c.expiresAt],
    ['version', c.version],
    ['created', `${c.createdAt} by ${c.createdBy}`],
    ['updated', `${c.updatedAt} by ${c.updatedBy}`],
    ['rotated', c.rotatedAt],
    ['last used', c.lastUsedAt],
    ['last test', c.lastTestedAt ? `${c.lastTestStatus} at ${c.lastTestedAt}${c.lastTestError ? `: ${c.lastTestError}` : ''}` : null],
  ]);
}

/** One line after a write: what happened, to which credential. */
export function summary(verb: string, c: Credential): string {
  return `${verb} ${c.name} (${c.id}): ${c.status}, secret ${c.secretPreview ?? '-'} version ${c.secretVersion}`;
}
