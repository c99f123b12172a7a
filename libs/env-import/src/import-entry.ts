// One entry of an import: created, or reconciled with the credential that
// already has its name (unchanged, rotated when asked to, or reported as changed).
import {
  ConflictError,
  IdempotencyKeyReusedError,
  ValidationFailedError,
  type Credential,
  type CredentialPage,
  type HttpTransport,
  type RevealedSecret,
} from '#client';
import type { ImportEntry } from './entry.js';

export interface EntryResult {
  source: string;
  name: string;
  /**
   * created; unchanged (its credential holds this secret already); rotated
   * (it held another, and update replaced it); changed (it holds another and
   * update was not asked for: nothing written); failed.
   */
  result: 'created' | 'unchanged' | 'rotated' | 'changed' | 'failed';
  id: string | null;
  detail: string | null;
}

export interface ImportEntryOptions {
  /** From `idempotencyKey(kind, entry)`: the same for every run over the same entry. */
  idempotencyKey: string;
  /** Rotate a credential of the entry's name that holds another secret. */
  update: boolean;
  /** One line for an error the API answered about this entry (400, 409): the caller's wording, never a secret. */
  describe: (error: unknown) => string;
}

/**
 * Creates the entry's credential, or compares it with the one of its name. A 400 or 409 is this
 * entry's failure; any other error (403, 401, the API unreachable) is thrown for the caller to handle.
 */
export async function importEntry(api: HttpTransport, entry: ImportEntry, options: ImportEntryOptions): Promise<EntryResult> {
  const row = { source: entry.source, name: entry.body.name };
  try {
    const reply = await api.request<Credential>('POST', '/v1/credentials', { body: entry.body, idempotencyKey: options.idempotencyKey });
    const replayed = reply.headers.get('idempotent-replayed') === 'true';
    return { ...row, result: replayed ? 'unchanged' : 'created', id: reply.body.id, detail: null };
  } catch (error) {
    // The name is taken, or this entry was imported before with other values: compare with what is stored.
    const taken = error instanceof ConflictError && error.code === 'DUPLICATE_NAME';
    if (taken || error instanceof IdempotencyKeyReusedError) return reconcile(api, entry, options);
    if (error instanceof ValidationFailedError || error instanceof ConflictError) {
      return { ...row, result: 'failed', id: null, detail: options.describe(error) };
    }
    throw error;
  }
}

async function reconcile(api: HttpTransport, entry: ImportEntry, options: ImportEntryOptions): Promise<EntryResult> {
  const row = { source: entry.source, name: entry.body.name };
  const current = await credentialNamed(api, entry.body.name);
  if (!current) return { ...row, result: 'failed', id: null, detail: `no credential is named ${entry.body.name} any more` };
  const failed = (detail: string): EntryResult => ({ ...row, result: 'failed', id: current.id, detail });
  if (current.type !== entry.body.type) return failed(`the credential named ${current.name} is a ${current.type} credential`);
  if (current.status !== 'active') return failed(`the credential named ${current.name} is ${current.status}`);
  const path = `/v1/credentials/${current.id}`;
  const stored = (await api.request<RevealedSecret>('POST', `${path}/reveal`, { retry: true })).body;
  if (stored.secret === entry.body.secret) return { ...row, result: 'unchanged', id: current.id, detail: null };
  if (!options.update) return { ...row, result: 'changed', id: current.id, detail: 'the stored secret differs' };
  // Keyed by the version it replaces: a retried import replays this rotation instead of making another.
  const idempotencyKey = `${options.idempotencyKey}.rotate.${current.secretVersion}`;
  try {
    await api.request('POST', `${path}/rotate`, { body: { secret: entry.body.secret }, ifMatch: current.version, idempotencyKey });
  } catch (error) {
    if (error instanceof ValidationFailedError || error instanceof ConflictError) return failed(options.describe(error));
    throw error;
  }
  return { ...row, result: 'rotated', id: current.id, detail: `secret version ${current.secretVersion + 1}` };
}

/**
 * The credential holding this name (names are unique ignoring case among credentials that are not
 * destroyed; the exact spelling wins over another case), else the last destroyed one of the name, else null.
 */
export async function credentialNamed(api: HttpTransport, name: string): Promise<Credential | null> {
  const found: Credential[] = [];
  let cursor: string | null = null;
  do {
    const page: CredentialPage = (await api.request<CredentialPage>('GET', '/v1/credentials', { query: { name, limit: 200, cursor } }))
      .body;
    found.push(...page.credentials);
    cursor = page.nextCursor;
  } while (cursor);
  const current = found.filter((c) => c.status !== 'destroyed');
  return current.find((c) => c.name === name) ?? current[0] ?? found.at(-1) ?? null;
}
