// The input of `keyledger import fernet`: credentials exported from a
// Fernet-encrypted store, as JSON or CSV (format in the README). Only
// `encrypted_secret` is encrypted; the other fields are plain.
import { UsageError } from '../errors.js';
import { csvRecords } from './csv.js';
import type { CredentialBody } from '#env-import';

export interface EncryptedRecord {
  source: string;
  body: Omit<CredentialBody, 'secret'>;
  token: string;
}

const TEXT_FIELDS = ['username', 'host', 'purpose', 'description', 'expiresAt'] as const;

export function parseRecords(text: string, format: 'json' | 'csv'): EncryptedRecord[] {
  const raw = format === 'json' ? jsonRecords(text) : csvRecords(text).map(fromCsv);
  return raw.map((record, index) => toRecord(record, `record ${index + 1}`));
}

/** By extension: .csv is CSV, anything else JSON. */
export function formatOf(path: string, given?: string): 'json' | 'csv' {
  if (given !== undefined && given !== 'json' && given !== 'csv') throw new UsageError('--format must be json or csv');
  return given ?? (/\.csv$/i.test(path) ? 'csv' : 'json');
}

function jsonRecords(text: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError('the input is not valid JSON');
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { credentials?: unknown })?.credentials;
  if (!Array.isArray(list)) throw new UsageError('the JSON input must be an array of records, or {"credentials": [...]}');
  return list as Record<string, unknown>[];
}

function fromCsv(row: Record<string, string>): Record<string, unknown> {
  const record: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(row)) if (value === '') delete record[key];
  if (row.labels)
    record.labels = row.labels
      .split(';')
      .map((label) => label.trim())
      .filter(Boolean);
  if (row.extra) {
    try {
      record.extra = JSON.parse(row.extra);
    } catch {
      record.extra = 'not JSON';
    }
  }
  return record;
}

function toRecord(raw: Record<string, unknown>, source: string): EncryptedRecord {
  const problem = (field: string, rule: string) => new UsageError(`${source}: ${field} ${rule}`);
  if (typeof raw !== 'object' || raw === null) throw new UsageError(`${source}: must be an object`);
  if (typeof raw.name !== 'string' || raw.name === '') throw problem('name', 'is required');
  if (typeof raw.type !== 'string' || raw.type === '') throw problem('type', 'is required');
  if (typeof raw.encrypted_secret !== 'string' || raw.encrypted_secret === '')
    throw problem('encrypted_secret', 'is required (the Fernet token)');
  const body: EncryptedRecord['body'] = { name: raw.name, type: raw.type };
  for (const field of TEXT_FIELDS) {
    if (raw[field] === undefined || raw[field] === null) continue;
    if (typeof raw[field] !== 'string') throw problem(field, 'must be a string');
    body[field] = raw[field];
  }
  if (raw.extra !== undefined) {
    if (typeof raw.extra !== 'object' || raw.extra === null || Array.isArray(raw.extra)) throw problem('extra', 'must be a JSON object');
    body.extra = raw.extra as Record<string, unknown>;
  }
  if (raw.labels !== undefined) {
    if (!Array.isArray(raw.labels) || !raw.labels.every((l) => typeof l === 'string')) throw problem('labels', 'must be a list of strings');
    body.labels = raw.labels;
  }
  return { source: `${source} (${raw.name})`, body, token: raw.encrypted_secret };
}
