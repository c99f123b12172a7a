// RFC 4180 CSV: comma-separated, "quoted" fields may hold commas, newlines
// and doubled "" quotes; CRLF or LF line ends.

export class CsvError extends Error {}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const input = text.replace(/^\uFEFF/, '');
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i++;
      } else {
        field += char;
        i++;
      }
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n' || char === '\r') {
      endField();
      if (row.some((value) => value !== '') || row.length > 1) rows.push(row);
      row = [];
      if (char === '\r' && input[i + 1] === '\n') i++;
    } else field += char;
    i++;
  }
  if (quoted) throw new CsvError('a quoted field is never closed');
  endField();
  if (row.some((value) => value !== '') || row.length > 1) rows.push(row);
  return rows;
}

/** Rows after the header, as objects keyed by the header's column names. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row, index) => {
    if (row.length !== header.length) throw new CsvError(`row ${index + 2} has ${row.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, column) => [name.trim(), row[column]!]));
  });
}
