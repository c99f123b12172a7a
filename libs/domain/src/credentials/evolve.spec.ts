import { evolve, foldCredential, initialState } from './evolve.js';
import type { Credential, CredentialEvent, CredentialMetadata, SealedSecret } from './types.js';

const id = 'cred-1';
const sealed = (n: number): SealedSecret => ({ ciphertext: `kl1.dek.nonce.ct${n}`, dekId: `dek-${n}`, preview: `pw…${n}` });
const metadata: CredentialMetadata = {
  name: 'db/main',
  username: 'app',
  host: 'db.internal',
  purpose: null,
  extra: { port: 5432, database: 'app', sslmode: 'prefer' },
  labels: [],
  description: null,
  expiresAt: null,
};
const t0 = '2026-01-01T00:00:00.000Z';
const t1 = '2026-01-02T00:00:00.000Z';
const by = (actor: string, at: string) => ({ credentialId: id, actor, at });

const registered: CredentialEvent = {
  type: 'CredentialRegistered',
  data: { ...by('alice', t0), tenant: 't1', credentialType: 'postgres', metadata, secretVersion: 1, secret: sealed(1) },
};

function active(): Credential {
  const state = foldCredential([registered]);
  if (state.status === 'absent') throw new Error('registration did not apply');
  return state;
}

describe('evolve', () => {
  it('starts absent', () => {
    expect(initialState()).toEqual({ status: 'absent' });
  });

  it('CredentialRegistered creates an active credential stamped with the event actor and time', () => {
    expect(evolve(initialState(), registered)).toEqual({
      status: 'active',
      credentialId: id,
      tenant: 't1',
      credentialType: 'postgres',
      metadata,
      secretVersion: 1,
      secret: sealed(1),
      createdAt: t0,
      updatedAt: t0,
      rotatedAt: null,
      createdBy: 'alice',
      updatedBy: 'alice',
      grants: {},
      health: { lastStatus: null, pendingRequests: [], lastSlot: null },
    });
  });

  it('CredentialMetadataChanged merges the changed fields and stamps updatedAt/updatedBy', () => {
    const state = evolve(active(), {
      type: 'CredentialMetadataChanged',
      data: { ...by('bob', t1), changes: { username: 'app_ro', extra: { port: 6432 } } },
    });
    expect(state).toMatchObject({
      metadata: { ...metadata, username: 'app_ro', extra: { port: 6432 } },
      createdAt: t0,
      createdBy: 'alice',
      updatedAt: t1,
      updatedBy: 'bob',
    });
  });

  it('SecretRotated replaces the secret and sets secretVersion and rotatedAt', () => {
    const state = evolve(active(), { type: 'SecretRotated', data: { ...by('bob', t1), secretVersion: 2, secret: sealed(2) } });
    expect(state).toMatchObject({ secretVersion: 2, secret: sealed(2), rotatedAt: t1, updatedAt: t1, updatedBy: 'bob' });
  });

  it('SecretReencrypted replaces only the sealed secret: no version, time or actor changes', () => {
    const resealed = { ...sealed(1), ciphertext: 'kl1.dek-9.n.c', dekId: 'dek-9' };
    const state = evolve(active(), { type: 'SecretReencrypted', data: { ...by('system:worker', t1), secretVersion: 1, secret: resealed } });
    expect(state).toEqual({ ...active(), secret: resealed });
  });

  it('SecretReencrypted leaves a destroyed credential without a secret', () => {
    const destroyed = evolve(active(), { type: 'CredentialDestroyed', data: by('bob', t1) });
    const event: CredentialEvent = { type: 'SecretReencrypted', data: { ...by('system:worker', t1), secretVersion: 1, secret: sealed(9) } };
    expect(evolve(destroyed, event)).toEqual(destroyed);
  });

  it('CredentialDeactivated and CredentialRestored toggle the status', () => {
    const inactive = evolve(active(), { type: 'CredentialDeactivated', data: by('bob', t1) });
    expect(inactive).toMatchObject({ status: 'inactive', updatedBy: 'bob' });
    expect(evolve(inactive, { type: 'CredentialRestored', data: by('carol', t1) })).toMatchObject({
      status: 'active',
      updatedBy: 'carol',
    });
  });

  it('CredentialDestroyed drops the secret and keeps the version for history', () => {
    const state = evolve(active(), { type: 'CredentialDestroyed', data: by('bob', t1) });
    expect(state).toMatchObject({ status: 'destroyed', secret: null, secretVersion: 1, updatedAt: t1 });
  });

  it('ignores events that cannot apply, so a replay never throws', () => {
    const deactivated: CredentialEvent = { type: 'CredentialDeactivated', data: by('bob', t1) };
    expect(evolve(initialState(), deactivated)).toEqual({ status: 'absent' });
    const again: CredentialEvent = { ...registered, data: { ...registered.data, actor: 'mallory' } };
    expect(evolve(active(), again)).toEqual(active());
  });

  it('foldCredential replays a whole stream', () => {
    const state = foldCredential([
      registered,
      { type: 'SecretRotated', data: { ...by('bob', t1), secretVersion: 2, secret: sealed(2) } },
      { type: 'CredentialDeactivated', data: by('bob', t1) },
    ]);
    expect(state).toMatchObject({ status: 'inactive', secretVersion: 2, secret: sealed(2), createdBy: 'alice' });
  });
});
