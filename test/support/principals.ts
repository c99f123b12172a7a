import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from '../../apps/api/src/auth/principal.js';
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
  const principal = {
    name: options.name ?? `${role}-${++counter}`,
    role,
    teams: options.teams ?? [],
    ...(options.tenant ? { tenant: options.tenant } : {}),
  };
  const reply = await api.request('POST', '/v1/tokens', { body: { principal }, token: options.as });
  if (reply.statusCode !== 201) throw new Error(`could not create a ${role}: ${reply.statusCode} ${reply.body}`);
  const body = reply.json();
  return { principalId: body.principalId, tokenId: body.id, token: body.token };
}

// Fixed test principals for suites that need roles without issuing tokens.

/** Test tokens: `<role>-token` for a principal of that role in the bootstrap tenant, `other-admin-token` for another tenant. */
export const TOKENS = {
  auditor: 'auditor-token-0123456789',
  operator: 'operator-token-0123456789',
  service: 'service-token-0123456789',
  otherAdmin: 'other-admin-token-0123456789',
} as const;

/**
 * Lets the API resolve the test tokens above, beside whatever the real
 * resolver accepts, by wrapping the resolver instance the guard holds.
 */
export function withTestPrincipals(api: TestApi): void {
  const tenant = api.config.bootstrapTenant;
  const principals: Record<string, Principal> = {
    [TOKENS.auditor]: { id: 'test-auditor', tenant, role: 'auditor', teams: [] },
    [TOKENS.operator]: { id: 'test-operator', tenant, role: 'operator', teams: [] },
    [TOKENS.service]: { id: 'test-service', tenant, role: 'service', teams: [] },
    [TOKENS.otherAdmin]: { id: 'other-admin', tenant: 'other-tenant', role: 'admin', teams: [] },
  };
  const resolver = api.app.get<PrincipalResolver>(PRINCIPAL_RESOLVER, { strict: false });
  const resolve = resolver.resolve.bind(resolver);
  resolver.resolve = async (token) => principals[token] ?? resolve(token);
}
