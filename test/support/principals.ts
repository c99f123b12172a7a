import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from '../../apps/api/src/auth/principal.js';
import type { TestApi } from './api.js';

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
