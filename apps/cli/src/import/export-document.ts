// The plaintext inside an encrypted export: credentials with their secrets,
// as JSON. It exists only in memory; on disk it is always sealed.
import { UsageError } from '../errors.js';
import type { CredentialBody, ImportPlan } from '#env-import';

export const EXPORT_FORMAT = 'keyledger-export';

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  /** The API the credentials came from. */
  source: string;
  credentials: CredentialBody[];
}

export function planFromDocument(plaintext: Buffer): ImportPlan {
  let document: ExportDocument;
  try {
    document = JSON.parse(plaintext.toString('utf8')) as ExportDocument;
  } catch {
    throw new UsageError('the export opened but holds no JSON document');
  }
  if (document.format !== EXPORT_FORMAT || document.version !== 1 || !Array.isArray(document.credentials)) {
    throw new UsageError('the export opened but is not a version 1 Keyledger export document');
  }
  const entries = document.credentials.map((body, index) => ({
    source: `#${index + 1} from ${document.source} (${document.exportedAt})`,
    body,
    notes: [],
  }));
  return { entries, skipped: [] };
}
