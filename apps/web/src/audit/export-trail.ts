// Export of the filtered trail: every page of it (not only what the page
// shows), read newest first as the view is, written as CSV or NDJSON and
// downloaded by the browser. Nothing is sent anywhere but the API.
import type { AuditEntry, AuditFilter } from '#client';
import * as api from '../lib/api.js';
import { download } from './download.js';
import { auditCsv, auditNdjson } from './export-format.js';

/** The largest page GET /v1/audit hands out. */
const EXPORT_PAGE = 1000;

export const EXPORT_FORMATS = {
  csv: { label: 'CSV', type: 'text/csv;charset=utf-8' },
  ndjson: { label: 'NDJSON', type: 'application/x-ndjson;charset=utf-8' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** Every entry the filter matches, newest first; `progress` is told the count after each page. */
export async function readWholeTrail(filter: AuditFilter, progress: (count: number) => void): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.audit({ ...filter, limit: EXPORT_PAGE, cursor });
    entries.push(...page.entries);
    cursor = page.nextCursor;
    progress(entries.length);
  } while (cursor !== null);
  return entries;
}

/** `keyledger-audit-<tenant>-<UTC time>.<format>`, with only file-name-safe characters. */
export function exportFileName(tenant: string, format: ExportFormat, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return `keyledger-audit-${tenant.replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}.${format}`;
}

/** Writes the entries in the format and hands the file to the browser. */
export function saveTrail(
  entries: readonly AuditEntry[],
  format: ExportFormat,
  fileName: string,
  nameOf: (id: string) => string | null,
): void {
  const text = format === 'csv' ? auditCsv(entries, nameOf) : auditNdjson(entries);
  download(fileName, EXPORT_FORMATS[format].type, text);
}
