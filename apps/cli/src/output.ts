// Everything the CLI prints goes through here: data to stdout, talk to stderr.

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Messages for the person at the terminal (progress, prompts, warnings): never on stdout. */
export function say(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

/** A column; with `max`, longer cells are cut to that width, ending in an ellipsis. */
export type Column<T> = [header: string, cell: (row: T) => unknown, max?: number];

/** A plain aligned table (no colours, no box drawing: easy to grep and to paste). */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map(([, cell, max]) => truncate(text(cell(row)), max)));
  const headers = columns.map(([header]) => header);
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

export function printTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): void {
  out(rows.length === 0 ? empty : formatTable(rows, columns));
}

/** `key: value` lines, keys aligned. */
export function printFields(fields: [string, unknown][]): void {
  const width = Math.max(...fields.map(([key]) => key.length));
  out(fields.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${text(value)}`.trimEnd()).join('\n'));
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.map(text).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `text` cut to `max` characters (code points), the last one an ellipsis. */
export function truncate(text: string, max?: number): string {
  const chars = Array.from(text);
  return max === undefined || chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
