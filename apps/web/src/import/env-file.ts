// What the import page does with a .env file before anything is sent: read
// it in the browser, plan it with the code of `keyledger import env`
// (#env-import), and say where each planned credential stands. Secrets stay
// in the plan's objects; the page shows MASKED in their place.
import { DotenvError, parseDotenv, planEnvImport, type ImportEntry, type ImportPlan } from '#env-import';
import type { Credential } from '../lib/types.js';
import { errorMessage, fieldIssues } from '../lib/api.js';

/** What the plan shows for every secret: no part of it, whatever its length. */
export const MASKED = '••••••••';

/** A .env file is a few kilobytes; anything this large is not one. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface EnvFile {
  name: string;
  text: string;
}

/** The file's text, or an error message naming the file's problem (never its content). */
export async function readEnvFile(file: File): Promise<EnvFile> {
  if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is larger than 1 MB: not a .env file`);
  return { name: file.name, text: await file.text() };
}

/** The plan of `keyledger import env --prefix <prefix> --map VAR=TYPE…` for this file; a parse error names the line. */
export function planOf(file: EnvFile, prefix: string, maps: Record<string, string>): ImportPlan {
  try {
    return planEnvImport(parseDotenv(file.text), { maps: Object.entries(maps), prefix, file: file.name });
  } catch (error) {
    if (error instanceof DotenvError) throw new Error(`${file.name}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Where a planned entry stands against the credentials already stored, before anything is written. */
export type Standing =
  | { kind: 'checking' }
  | { kind: 'new' }
  | { kind: 'exists'; id: string }
  | { kind: 'conflict'; id: string; reason: string }
  | { kind: 'unknown'; reason: string };

export function standingOf(entry: ImportEntry, holder: Credential | null): Standing {
  // A destroyed credential frees its name: the import creates a new one.
  if (!holder || holder.status === 'destroyed') return { kind: 'new' };
  if (holder.type !== entry.body.type) return { kind: 'conflict', id: holder.id, reason: `${holder.name} is a ${holder.type} credential` };
  if (holder.status !== 'active') return { kind: 'conflict', id: holder.id, reason: `${holder.name} is ${holder.status}` };
  return { kind: 'exists', id: holder.id };
}

/** One line for an entry the API refused: its message and every failing field. */
export function refusal(error: unknown): string {
  const fields = fieldIssues(error).map((issue) =>
    issue.message.startsWith(`${issue.field}:`) ? issue.message : `${issue.field}: ${issue.message}`,
  );
  return fields.length > 0 ? `${errorMessage(error)} (${fields.join('; ')})` : errorMessage(error);
}
