// The audit trail as files: CSV for spreadsheets, NDJSON for tools. CSV
// follows RFC 4180 (every field that needs it quoted, quotes doubled, CRLF
// between records) and is safe to open in a spreadsheet: a text cell that
// starts like a formula gets a leading apostrophe, so it shows as text and
// never runs. NDJSON lines are the entries exactly as GET /v1/audit answers
// them, as `keyledger audit tail --json` prints them.
import type { AuditEntry } from '#client';

/**
 * The columns of `keyledger audit list` (at, actor, action, outcome,
 * credential, position, details), then what a file needs beside them: the
 * actor's name where the reader knows it, the event's type and id.
 */
export const CSV_COLUMNS = [
  'at',
  'actor',
  'action',
  'outcome',
  'credential',
  'position',
  'details',
  'actor_name',
  'event_type',
  'event_id',
];

/** Leading characters a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: neutralised if it could start a formula, quoted if it holds a comma, quote or line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV file of these entries (header first), `nameOf` giving a principal's name or null. */
export function auditCsv(entries: readonly AuditEntry[], nameOf: (principalId: string) => string | null): string {
  const rows = entries.map((e) => [
    e.at,
    e.actor,
    e.action,
    e.outcome,
    e.credentialId,
    e.position,
    Object.keys(e.details).length === 0 ? '' : JSON.stringify(e.details),
    nameOf(e.actor),
    e.eventType,
    e.eventId,
  ]);
  return [CSV_COLUMNS, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** One JSON entry a line, each line ending in a newline. */
export function auditNdjson(entries: readonly AuditEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}
