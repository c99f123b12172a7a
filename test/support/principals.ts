import type { TestApi } from './api.js';

export type TestRole = 'admin' | 'operator' | 'service' | 'auditor';

export interface TestPrincipal {
  principalId: string;
  tokenId: string;
  token: string;
}

let counter = 0;

/** Creates a principal with one token through the API, as the bootstrap admin (or `as`). */
export async function createPrincipal(
  api: TestApi,
  role: TestRole,
  options: { name?: string; teams?: string[]; tenant?: string; as?: string } = {},
): Promise<TestPrincipal> {
  const principal = { name: options.name ?? `${role}-${++counter}`, role, teams: options.teams ?? [], ...(options.tenant ? { tenant: options.tenant } : {}) };
  const reply = await api.request('POST', '/v1/tokens', { body: { principal }, token: options.as });
  if (reply.statusCode !== 201) throw new Error(`could not create a ${role}: ${reply.statusCode} ${reply.body}`);
  const body = reply.json();
  return { principalId: body.principalId, tokenId: body.id, token: body.token };
}
