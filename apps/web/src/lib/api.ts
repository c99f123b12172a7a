// The console's one way to the API: the typed HttpTransport of #client on
// this page's origin, with the signed-in token from memory. Components call
// these functions, never fetch.
import { HttpTransport, KeyledgerApiError, type Query } from '#client';
import type { AuditPage, PrincipalPage } from '#client';
import {
  credentialNamed as findCredentialNamed,
  importEntry,
  type EntryResult,
  type ImportEntry,
  type ImportEntryOptions,
} from '#env-import';
import type {
  Credential,
  CredentialPage,
  CredentialSummary,
  CredentialTemplate,
  CredentialUsage,
  FieldIssue,
  Grant,
  KekStatus,
  KeyRotation,
  KeyRotationMode,
  LogVerification,
  Me,
  RevealedSecret,
  SecretVersion,
  StreamEvent,
  TestResult,
} from './types.js';

let transport: HttpTransport | null = null;
let onUnauthorized: () => void = () => {};

function api(): HttpTransport {
  if (!transport) throw new Error('not signed in');
  return transport;
}

export async function call<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; ifMatch?: number; idempotencyKey?: string } = {},
): Promise<T> {
  try {
    // A write is sent again only under an Idempotency-Key, which makes the API apply it once.
    const retry = method === 'GET' || options.idempotencyKey !== undefined;
    return (await api().request<T>(method, path, { ...options, retry })).body;
  } catch (error) {
    if (error instanceof KeyledgerApiError && error.status === 401) onUnauthorized();
    throw error;
  }
}

/** Uses this token for every call until `forgetToken`; a 401 from any call runs `unauthorized`. */
export function useToken(token: string, unauthorized: () => void): void {
  transport = new HttpTransport({
    addr: window.location.origin,
    token,
    retry: { retries: 1 },
    timeoutMs: 20_000,
    // A browser's fetch must be called on window, not as a method of the transport.
    fetch: (input, init) => window.fetch(input, init),
  });
  onUnauthorized = unauthorized;
}

export function forgetToken(): void {
  transport = null;
}

/** The field issues of a 400, if the error is one. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof KeyledgerApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is FieldIssue => typeof d?.field === 'string' && typeof d?.message === 'string');
}

/**
 * A fresh Idempotency-Key for one write the user asked for once. Drawn with
 * getRandomValues, which, unlike randomUUID, a page served over plain HTTP has too.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof KeyledgerApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

const id = (credentialId: string) => `/v1/credentials/${encodeURIComponent(credentialId)}`;

export const me = () => call<Me>('GET', '/v1/me');
export const listCredentials = (query: Query) => call<CredentialPage>('GET', '/v1/credentials', { query });
export const getCredential = (credentialId: string) => call<Credential>('GET', id(credentialId));
export const templates = () => call<{ templates: CredentialTemplate[] }>('GET', '/v1/templates').then((r) => r.templates);
export const template = (type: string) => call<CredentialTemplate>('GET', `/v1/templates/${encodeURIComponent(type)}`);
export const reveal = (credentialId: string) => call<RevealedSecret>('POST', `${id(credentialId)}/reveal`);
export const rotate = (credentialId: string, secret: string) =>
  call<Credential>('POST', `${id(credentialId)}/rotate`, { body: { secret } });
export const deactivate = (credentialId: string) => call<Credential>('DELETE', id(credentialId));
export const restore = (credentialId: string) => call<Credential>('POST', `${id(credentialId)}/restore`);
export const destroy = (credentialId: string) => call<Credential>('POST', `${id(credentialId)}/destroy`);
export const versions = (credentialId: string) =>
  call<{ versions: SecretVersion[] }>('GET', `${id(credentialId)}/versions`).then((r) => r.versions);
export const events = (credentialId: string) => call<{ events: StreamEvent[] }>('GET', `${id(credentialId)}/events`).then((r) => r.events);
export const testNow = (credentialId: string) => call<{ jobId: string }>('POST', `${id(credentialId)}/test`);
export const grants = (credentialId: string) => call<{ grants: Grant[] }>('GET', `${id(credentialId)}/grants`).then((r) => r.grants);
export const grant = (credentialId: string, body: { principalId?: string; team?: string; permission: 'use' | 'manage' }) =>
  call<Grant>('POST', `${id(credentialId)}/grants`, { body });
export const revokeGrant = (credentialId: string, grantId: string) =>
  call<Grant>('DELETE', `${id(credentialId)}/grants/${encodeURIComponent(grantId)}`);
export const createCredential = (body: Record<string, unknown>) => call<Credential>('POST', '/v1/credentials', { body });
export const updateCredential = (credentialId: string, version: number, body: Record<string, unknown>) =>
  call<Credential>('PATCH', id(credentialId), { body, ifMatch: version });
export const testUnsaved = (body: Record<string, unknown>) => call<TestResult>('POST', '/v1/credentials/test', { body });
export const credentialSummary = () => call<CredentialSummary>('GET', '/v1/credentials/summary');
export const usage = (credentialId: string) => call<CredentialUsage>('GET', `${id(credentialId)}/usage`);
export const keyring = () => call<{ keys: KekStatus[] }>('GET', '/v1/keys').then((r) => r.keys);
export const keyRotations = (limit: number) =>
  call<{ rotations: KeyRotation[] }>('GET', '/v1/keys/rotations', { query: { limit } }).then((r) => r.rotations);
export const keyRotation = (rotationId: string) => call<KeyRotation>('GET', `/v1/keys/rotations/${encodeURIComponent(rotationId)}`);
export const startKeyRotation = (mode: KeyRotationMode, idempotencyKey: string) =>
  call<{ rotationId: string }>('POST', '/v1/keys/rotations', { body: { mode }, idempotencyKey });
export const audit = (query: Query) => call<AuditPage>('GET', '/v1/audit', { query });
export const verifyLog = () => call<LogVerification>('GET', '/v1/events/verify');
export const listPrincipals = (query: Query) => call<PrincipalPage>('GET', '/v1/principals', { query });

/** Runs calls made by #env-import's functions on the signed-in transport; a 401 ends the session as in `call`. */
async function guarded<T>(work: (transport: HttpTransport) => Promise<T>): Promise<T> {
  try {
    return await work(api());
  } catch (error) {
    if (error instanceof KeyledgerApiError && error.status === 401) onUnauthorized();
    throw error;
  }
}

export const credentialNamed = (name: string) => guarded((transport) => findCredentialNamed(transport, name));
/** One entry of a .env import, created or reconciled exactly as `keyledger import env` does it. */
export const importEnvEntry = (entry: ImportEntry, options: ImportEntryOptions): Promise<EntryResult> =>
  guarded((transport) => importEntry(transport, entry, options));
