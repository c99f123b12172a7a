import { secretVersionHistory } from './history.js';
import type { CredentialEvent, CredentialMetadata } from './types.js';

const metadata: CredentialMetadata = {
  name: 'k',
  username: null,
  host: null,
  purpose: null,
  extra: {},
  labels: [],
  description: null,
  expiresAt: null,
};
const secret = (n: number) => ({ ciphertext: `kl1.d${n}.n.c`, dekId: `dek-${n}`, preview: `sk-…00${n}` });

describe('secretVersionHistory', () => {
  it('lists each secret version with its masked preview, oldest first, and survives destroy', () => {
    const events: CredentialEvent[] = [
      {
        type: 'CredentialRegistered',
        data: {
          credentialId: 'c',
          actor: 'alice',
          at: 't0',
          tenant: 't',
          credentialType: 'custom',
          metadata,
          secretVersion: 1,
          secret: secret(1),
        },
      },
      { type: 'CredentialMetadataChanged', data: { credentialId: 'c', actor: 'bob', at: 't1', changes: { purpose: 'x' } } },
      { type: 'SecretRotated', data: { credentialId: 'c', actor: 'bob', at: 't2', secretVersion: 2, secret: secret(2) } },
      { type: 'CredentialDestroyed', data: { credentialId: 'c', actor: 'carol', at: 't3' } },
    ];
    expect(secretVersionHistory(events)).toEqual([
      { secretVersion: 1, preview: 'sk-…001', dekId: 'dek-1', createdAt: 't0', createdBy: 'alice' },
      { secretVersion: 2, preview: 'sk-…002', dekId: 'dek-2', createdAt: 't2', createdBy: 'bob' },
    ]);
  });

  it('follows a re-encryption to the data key that now seals the version', () => {
    const events: CredentialEvent[] = [
      { type: 'SecretRotated', data: { credentialId: 'c', actor: 'bob', at: 't2', secretVersion: 2, secret: secret(2) } },
      { type: 'SecretReencrypted', data: { credentialId: 'c', actor: 'system:worker', at: 't3', secretVersion: 2, secret: secret(7) } },
    ];
    expect(secretVersionHistory(events)).toEqual([
      { secretVersion: 2, preview: 'sk-…002', dekId: 'dek-7', createdAt: 't2', createdBy: 'bob' },
    ]);
  });

  it('never exposes a ciphertext', () => {
    const events: CredentialEvent[] = [
      { type: 'SecretRotated', data: { credentialId: 'c', actor: 'bob', at: 't2', secretVersion: 2, secret: secret(2) } },
    ];
    expect(JSON.stringify(secretVersionHistory(events))).not.toContain('kl1.');
  });
});
