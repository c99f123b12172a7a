// The console's one way to the API: the typed HttpTransport of #client on
// this page's origin, with the signed-in token from memory. Components call
// these functions, never fetch.
import { HttpTransport, KeyledgerApiError, type Query } from '#client';
import type {
  Credential,
  CredentialPage,
  CredentialSummary,
  CredentialTemplate,
  CredentialUsage,
  FieldIssue,
  Grant,
  KeyRotation,
  LogVerification,
  Me,
  Principal,
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

async function call<T>(method: string, path: string, options: { query?: Query; body?: unknown; ifMatch?: number } = {}): Promise<T> {
  try {
    return (await api().request<T>(method, path, { ...options, retry: method === 'GET' })).body;
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
export const verifyLog = () => call<LogVerification>('GET', '/v1/events/verify');
export const principal = (principalId: string) => call<Principal>('GET', `/v1/principals/${encodeURIComponent(principalId)}`);
export const keyRotations = (limit: number) =>
  call<{ rotations: KeyRotation[] }>('GET', '/v1/keys/rotations', { query: { limit } }).then((r) => r.rotations);
