// How credentials look in a terminal: masked, always.
import type { Credential } from '#client';
import type { Column } from '../output.js';
import { printFields } from '../output.js';

export const CREDENTIAL_COLUMNS: Column<Credential>[] = [
  ['ID', (c) => c.id],
  ['NAME', (c) => c.name],
  ['TYPE', (c) => c.type],
  ['STATUS', (c) => c.status],
  ['HOST', (c) => c.host],
  ['PURPOSE', (c) => c.purpose],
  ['SECRET', (c) => c.secretPreview],
  ['V', (c) => c.secretVersion],
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
