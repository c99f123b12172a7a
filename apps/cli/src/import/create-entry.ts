// One POST /v1/credentials of an import, its outcome as a row of the report.
import { ConflictError, IdempotencyKeyReusedError, ValidationFailedError, type Credential, type HttpTransport } from '#client';
import { messageOf } from '../errors.js';
import type { ImportEntry } from './entry.js';

export interface EntryResult {
  source: string;
  name: string;
  /** created; unchanged (this entry was imported before); exists (another credential has the name); failed. */
  result: 'created' | 'unchanged' | 'exists' | 'failed';
  id: string | null;
  detail: string | null;
}

export async function createEntry(api: HttpTransport, entry: ImportEntry, idempotencyKey: string): Promise<EntryResult> {
  const row = { source: entry.source, name: entry.body.name };
  try {
    const reply = await api.request<Credential>('POST', '/v1/credentials', { body: entry.body, idempotencyKey });
    const replayed = reply.headers.get('idempotent-replayed') === 'true';
    return { ...row, result: replayed ? 'unchanged' : 'created', id: reply.body.id, detail: null };
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'DUPLICATE_NAME') {
      return { ...row, result: 'exists', id: null, detail: 'a credential with this name exists' };
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return { ...row, result: 'exists', id: null, detail: 'imported before with other values (or by another principal)' };
    }
    if (error instanceof ValidationFailedError || error instanceof ConflictError) {
      return { ...row, result: 'failed', id: null, detail: messageOf(error) };
    }
    throw error;
  }
}
