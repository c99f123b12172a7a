// .env files as docker compose, python-dotenv and the seeds write them:
// KEY=value, optional `export `, # comments, 'single' (literal) and "double"
// (escapes, may span lines) quotes. ${VAR} is kept as written, not expanded.

export interface EnvVariable {
  name: string;
  value: string;
  line: number;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/s;

export class DotenvError extends Error {}

export function parseDotenv(text: string): EnvVariable[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const variables: EnvVariable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) throw new DotenvError(`line ${i + 1}: expected NAME=value`);
    const [, name, rest] = match as unknown as [string, string, string];
    const start = i + 1;
    const { value, linesUsed } = readValue(rest, lines, i);
    i += linesUsed;
    variables.push({ name, value, line: start });
  }
  return variables;
}

function readValue(rest: string, lines: string[], index: number): { value: string; linesUsed: number } {
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    let text = rest.slice(1);
    let used = 0;
    for (;;) {
      const end = closingQuote(text, quote);
      if (end >= 0) return { value: quote === '"' ? unescape(text.slice(0, end)) : text.slice(0, end), linesUsed: used };
      used++;
      if (index + used >= lines.length)
        throw new DotenvError(`line ${index + 1}: the ${quote === '"' ? 'double' : 'single'} quote is never closed`);
      text += `\n${lines[index + used]}`;
    }
  }
  // Unquoted: a # after whitespace starts a comment.
  return { value: rest.replace(/\s+#.*$/, '').trim(), linesUsed: 0 };
}

function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}
