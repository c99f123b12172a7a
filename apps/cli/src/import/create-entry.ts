// One entry of an import: created, or reconciled with the credential that
// already has its name (unchanged, rotated with --update, or reported as changed).
import {
  ConflictError,
  IdempotencyKeyReusedError,
  ValidationFailedError,
  type Credential,
  type HttpTransport,
  type RevealedSecret,
} from '#client';
import { resolveCredential } from '../credentials/resolve.js';
import { messageOf } from '../errors.js';
import { newIdempotencyKey } from '../session.js';
import type { ImportEntry } from './entry.js';

export interface EntryResult {
  source: string;
  name: string;
  /**
   * created; unchanged (its credential holds this secret already); rotated
   * (it held another, --update replaced it); changed (it holds another and
   * --update was not given: nothing written); failed.
   */
  result: 'created' | 'unchanged' | 'rotated' | 'changed' | 'failed';
  id: string | null;
  detail: string | null;
}

export async function importEntry(api: HttpTransport, entry: ImportEntry, idempotencyKey: string, update: boolean): Promise<EntryResult> {
  const row = { source: entry.source, name: entry.body.name };
  try {
    const reply = await api.request<Credential>('POST', '/v1/credentials', { body: entry.body, idempotencyKey });
    const replayed = reply.headers.get('idempotent-replayed') === 'true';
    return { ...row, result: replayed ? 'unchanged' : 'created', id: reply.body.id, detail: null };
  } catch (error) {
    // The name is taken, or this entry was imported before with other values: compare with what is stored.
    const taken = error instanceof ConflictError && error.code === 'DUPLICATE_NAME';
    if (taken || error instanceof IdempotencyKeyReusedError) return reconcile(api, entry, update);
    if (error instanceof ValidationFailedError || error instanceof ConflictError) {
      return { ...row, result: 'failed', id: null, detail: messageOf(error) };
    }
    throw error;
  }
}

async function reconcile(api: HttpTransport, entry: ImportEntry, update: boolean): Promise<EntryResult> {
  const row = { source: entry.source, name: entry.body.name };
  const current = await resolveCredential(api, entry.body.name);
  const failed = (detail: string): EntryResult => ({ ...row, result: 'failed', id: current.id, detail });
  if (current.type !== entry.body.type) return failed(`the credential named ${current.name} is a ${current.type} credential`);
  if (current.status !== 'active') return failed(`the credential named ${current.name} is ${current.status}`);
  const path = `/v1/credentials/${current.id}`;
  const stored = (await api.request<RevealedSecret>('POST', `${path}/reveal`, { retry: true })).body;
  if (stored.secret === entry.body.secret) return { ...row, result: 'unchanged', id: current.id, detail: null };
  if (!update) return { ...row, result: 'changed', id: current.id, detail: 'the stored secret differs: --update rotates it' };
  const body = { secret: entry.body.secret };
  try {
    await api.request('POST', `${path}/rotate`, { body, ifMatch: current.version, idempotencyKey: newIdempotencyKey() });
  } catch (error) {
    if (error instanceof ValidationFailedError || error instanceof ConflictError) return failed(messageOf(error));
    throw error;
  }
  return { ...row, result: 'rotated', id: current.id, detail: `secret version ${current.secretVersion + 1}` };
}
