// Questions at the terminal. Secrets are read with the terminal in raw mode
// and never echoed (not even as asterisks); prompts go to stderr so stdout
// stays clean for pipes.
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { CliError, EXIT, UsageError } from './errors.js';

export interface HiddenOptions {
  /** Several lines (a private key); Ctrl-D ends the input. */
  multiline?: boolean;
  /** What to use instead, named in the error when there is no terminal. */
  alternative?: string;
}

/** Reads a value typed at the terminal without echo; refuses when stdin is not a terminal. */
export function readHidden(label: string, options: HiddenOptions = {}): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new UsageError(
      `stdin is not a terminal, so ${label} cannot be asked for${options.alternative ? `: use ${options.alternative}` : ''}`,
    );
  }
  const hint = options.multiline ? ' (paste it, then press Ctrl-D on a new line)\n' : ': ';
  stdin.setRawMode(true);
  process.stderr.write(`${label}${hint}`);
  return new Promise((resolve, reject) => {
    const keys = new HiddenLine(options.multiline ?? false);
    const decoder = new StringDecoder('utf8');
    const onData = (chunk: Buffer) => {
      const result = keys.feed(decoder.write(chunk));
      if (result === 'pending') return;
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (result === 'cancelled') reject(new CliError('cancelled', EXIT.interrupted));
      else resolve(keys.value.replace(/\r?\n$/, ''));
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The line editor behind readHidden: Enter, Ctrl-D, Ctrl-C, Backspace, Ctrl-U; escape sequences ignored. */
export class HiddenLine {
  value = '';
  private inEscape = false;
  private afterCarriageReturn = false;

  constructor(private readonly multiline: boolean) {}

  feed(text: string): 'pending' | 'done' | 'cancelled' {
    for (const char of text) {
      if (this.inEscape) {
        if (/[A-Za-z~]/.test(char)) this.inEscape = false;
        continue;
      }
      const outcome = this.key(char);
      if (outcome !== 'pending') return outcome;
    }
    return 'pending';
  }

  private key(char: string): 'pending' | 'done' | 'cancelled' {
    const crlf = char === '\n' && this.afterCarriageReturn;
    this.afterCarriageReturn = char === '\r';
    switch (char) {
      case '\u0003':
        return 'cancelled';
      case '\u0004':
        return this.multiline || this.value !== '' ? 'done' : 'cancelled';
      case '\r':
      case '\n':
        if (!this.multiline) return 'done';
        if (!crlf) this.value += '\n';
        return 'pending';
      case '\u007f':
      case '\b':
        this.value = Array.from(this.value).slice(0, -1).join('');
        return 'pending';
      case '\u0015':
        this.value = '';
        return 'pending';
      case '\u001b':
        this.inEscape = true;
        return 'pending';
      default:
        if (char >= ' ' || char === '\t') this.value += char;
        return 'pending';
    }
  }
}

/** One line from stdin (the terminal, or a pipe: `echo y | keyledger ...`); '' at end of input. */
export function readLine(question: string): Promise<string> {
  process.stderr.write(question);
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

export async function confirm(question: string): Promise<boolean> {
  return /^\s*y(es)?\s*$/i.test(await readLine(`${question} [y/N] `));
}
