// The operator's key or passphrase for encrypted exports: from a file, or
// asked for without echo (twice when sealing). Never a command-line argument.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { ExportFileError, openExport, parseExportKey, readExportParams, sealExport, type ExportSecret } from '#crypto';
import { CliError, UsageError } from '../errors.js';
import { readHidden } from '../prompt.js';
import { withoutFinalNewline } from '../secret-input.js';

export interface SealingOptions {
  keyFile?: string;
  passphraseFile?: string;
}

/** The key or passphrase to seal with (kdf null: a new export) or to open an export sealed with `kdf`. */
export async function exportSecret(o: SealingOptions, kdf: 'hkdf-sha256' | 'scrypt' | null): Promise<ExportSecret> {
  if (o.keyFile && o.passphraseFile) throw new UsageError('give --key-file or --passphrase-file, not both');
  if (o.keyFile) return { key: guard(() => parseExportKey(readFileSync(o.keyFile!, 'utf8'))) };
  if (kdf === 'hkdf-sha256') throw new UsageError('this export is sealed with a key file: give --key-file');
  if (o.passphraseFile) return { passphrase: withoutFinalNewline(await readFile(o.passphraseFile, 'utf8')) };
  const alternative = '--key-file or --passphrase-file';
  const passphrase = await readHidden('Passphrase', { alternative });
  if (kdf === null && (await readHidden('Passphrase again', { alternative })) !== passphrase)
    throw new UsageError('the passphrases differ');
  if (passphrase.length < 12) throw new UsageError('a passphrase needs at least 12 characters (or use --key-file)');
  return { passphrase };
}

export async function writeExportFile(
  path: string,
  plaintext: Buffer,
  secret: ExportSecret,
  meta: Record<string, unknown>,
  force: boolean,
): Promise<void> {
  await writeFile(path, sealExport(plaintext, secret, meta), { mode: 0o600, flag: force ? 'w' : 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new CliError(
        error.code === 'EEXIST' ? `${path} exists: choose another file, or --force` : `cannot write ${path}: ${error.message}`,
      );
    },
  );
}

export async function openExportFile(path: string, o: SealingOptions): Promise<Buffer> {
  const text = await readFile(path, 'utf8');
  const params = guard(() => readExportParams(text));
  const secret = await exportSecret(o, params.kdf);
  return guard(() => openExport(text, secret));
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ExportFileError) throw new CliError(error.message);
    throw error;
  }
}
