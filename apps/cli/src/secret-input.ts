// Where a secret comes from: a hidden prompt, stdin or a file; never a
// command-line argument, which any user can read in the process list.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { readHidden } from './prompt.js';

export interface SecretSourceOptions {
  secretStdin?: boolean;
  secretFile?: string;
}

/** --secret-stdin and --secret-file: the ways to give a secret other than the hidden prompt. */
export function withSecretOptions(command: Command): Command {
  return command
    .option('--secret-stdin', 'read the secret from stdin (e.g. a pipe) instead of a hidden prompt')
    .option('--secret-file <path>', 'read the secret from a file instead of a hidden prompt');
}

export async function readSecret(options: SecretSourceOptions, label: string, multiline = false): Promise<string> {
  if (options.secretStdin && options.secretFile) throw new UsageError('give --secret-stdin or --secret-file, not both');
  const secret = options.secretStdin
    ? await readStdin()
    : options.secretFile
      ? await readFile(options.secretFile, 'utf8')
      : await readHidden(label, { multiline, alternative: '--secret-stdin or --secret-file' });
  const value = withoutFinalNewline(secret);
  if (value === '') throw new UsageError(`${label} is empty`);
  return value;
}

/** `echo "$KEY" | ...` and files end with a newline that is not part of the secret. */
export function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
