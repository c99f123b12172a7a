import type { TestApi } from './api.js';
import { createPrincipal, type TestPrincipal } from './principals.js';

export interface AccessRecord {
  stream_id: string;
  stream_version: string | null;
  tenant: string;
  type: string;
  data: Record<string, unknown>;
}

/** Access records (AccessDenied, SecretRevealed) of one actor, oldest first. */
export function accessRecordsOf(
  api: TestApi,
  actor: string,
  type: 'AccessDenied' | 'SecretRevealed' = 'AccessDenied',
): Promise<AccessRecord[]> {
  return api.orm.em
    .fork()
    .execute<AccessRecord[]>(
      `select stream_id, stream_version, tenant, type, data from kl_events where type = ? and data->>'actor' = ? order by global_position`,
      [type, actor],
    );
}

/** Grants `principalId` (or `team`) `permission` on a credential, as the bootstrap admin; returns the grant. */
export async function grant(
  api: TestApi,
  credentialId: string,
  grantee: { principalId: string } | { team: string },
  permission: 'use' | 'manage',
): Promise<{ id: string; credentialVersion: number }> {
  const reply = await api.request('POST', `/v1/credentials/${credentialId}/grants`, { body: { ...grantee, permission } });
  if (reply.statusCode !== 201) throw new Error(`could not grant: ${reply.statusCode} ${reply.body}`);
  return reply.json();
}

/** A new service principal with a `use` grant on the credential. */
export async function grantedService(api: TestApi, credentialId: string): Promise<TestPrincipal> {
  const service = await createPrincipal(api, 'service');
  await grant(api, credentialId, { principalId: service.principalId }, 'use');
  return service;
}
