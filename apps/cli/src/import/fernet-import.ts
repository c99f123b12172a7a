// `keyledger import fernet`: every token is decrypted (its HMAC checked)
// before anything is written; one bad token stops the whole import.
import { basename } from 'node:path';
import { FernetError, fernetDecrypt, parseFernetKey, type FernetKey } from '#crypto';
import { CliError, UsageError } from '../errors.js';
import type { ImportPlan } from '#env-import';
import type { EncryptedRecord } from './records.js';

export function planFernetImport(records: EncryptedRecord[], key: FernetKey, file: string): ImportPlan {
  const failures: { source: string; error: FernetError }[] = [];
  const entries = records.flatMap((record) => {
    try {
      const secret = utf8(fernetDecrypt(record.token, key), record.source);
      const description = record.body.description ?? `imported from ${basename(file)} (${record.source})`;
      return [{ source: record.source, body: { ...record.body, description, secret }, notes: [] }];
    } catch (error) {
      if (!(error instanceof FernetError)) throw error;
      failures.push({ source: record.source, error });
      return [];
    }
  });
  if (failures.length > 0) throw refusal(failures, records.length);
  return { entries, skipped: [] };
}

function refusal(failures: { source: string; error: FernetError }[], total: number): CliError {
  if (failures.length === total && failures.every((f) => f.error.reason === 'signature')) {
    return new CliError(`nothing imported: none of the ${total} tokens verifies under this key (wrong key?)`);
  }
  const list = failures.map((f) => `${f.source}: ${f.error.message}`).join('; ');
  return new CliError(`nothing imported: ${failures.length} of ${total} tokens refused (tampered, or under another key): ${list}`);
}

function utf8(bytes: Buffer, source: string): string {
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new CliError(`nothing imported: ${source}: the decrypted secret is not UTF-8 text`);
  return text;
}

/** The old key, from its file or the prompt; a malformed one is a usage error (never echoed). */
export function fernetKeyOf(text: string): FernetKey {
  try {
    return parseFernetKey(text);
  } catch (error) {
    throw error instanceof FernetError ? new UsageError(error.message) : error;
  }
}
