import { expectRejected } from '../../../../test/support/expect-rejected.js';
import { decide } from './decide.js';
import { nextSecretVersion } from './rotation.js';
import { foldCredential } from './evolve.js';
import type { CommandMetadata, CredentialCommand, CredentialEvent, CredentialMetadata, SealedSecret } from './types.js';

const id = 'cred-1';
const meta: CommandMetadata = { actor: 'alice', now: '2026-01-02T03:04:05.000Z' };
const later: CommandMetadata = { actor: 'bob', now: '2026-02-01T00:00:00.000Z' };
const sealed = (n: number): SealedSecret => ({ ciphertext: `kl1.dek.nonce.ct${n}`, dekId: 'dek-1', preview: `sk-…000${n}` });
const metadata: CredentialMetadata = {
  name: 'openai/prod',
  username: null,
  host: null,
  purpose: 'llm',
  extra: { base_url: 'https://api.openai.com/v1' },
  labels: ['env:prod'],
  description: null,
  expiresAt: null,
};

const registered: CredentialEvent = {
  type: 'CredentialRegistered',
  data: {
    credentialId: id,
    actor: 'alice',
    at: meta.now,
    tenant: 't1',
    credentialType: 'openai',
    metadata,
    secretVersion: 1,
    secret: sealed(1),
  },
};
const deactivated: CredentialEvent = { type: 'CredentialDeactivated', data: { credentialId: id, actor: 'alice', at: meta.now } };
const destroyed: CredentialEvent = { type: 'CredentialDestroyed', data: { credentialId: id, actor: 'alice', at: meta.now } };

const commands = {
  register: {
    type: 'RegisterCredential',
    data: { credentialId: id, tenant: 't1', credentialType: 'openai', metadata, secret: sealed(1) },
    metadata: meta,
  },
  change: { type: 'ChangeCredentialMetadata', data: { credentialId: id, changes: { purpose: 'batch' } }, metadata: later },
  rotate: { type: 'RotateSecret', data: { credentialId: id, secretVersion: 2, secret: sealed(2) }, metadata: later },
  reencrypt: {
    type: 'ReencryptSecret',
    data: { credentialId: id, secretVersion: 1, secret: { ...sealed(1), ciphertext: 'kl1.dek-2.nonce.ct', dekId: 'dek-2' } },
    metadata: { actor: 'system:worker', now: later.now },
  },
  deactivate: { type: 'DeactivateCredential', data: { credentialId: id }, metadata: later },
  restore: { type: 'RestoreCredential', data: { credentialId: id }, metadata: later },
  destroy: { type: 'DestroyCredential', data: { credentialId: id }, metadata: later },
} satisfies Record<string, CredentialCommand>;

/** given: past events; when: a command; then: the events it decides. */
function given(events: CredentialEvent[]) {
  return { when: (command: CredentialCommand) => decide(command, foldCredential(events)) };
}

const existingCommands = ['change', 'rotate', 'reencrypt', 'deactivate', 'restore', 'destroy'] as const;

describe('decide', () => {
  it('registers a new credential at secret version 1 with actor and time from the command', () => {
    expect(given([]).when(commands.register)).toEqual([registered]);
  });

  it('refuses to register on a stream that already exists, destroyed or not', () => {
    expectRejected(() => given([registered]).when(commands.register), 'INVALID_STATE');
    expectRejected(() => given([registered, destroyed]).when(commands.register), 'INVALID_STATE');
  });

  it.each(existingCommands)('answers NOT_FOUND to %s on an absent credential', (name) => {
    expectRejected(() => given([]).when(commands[name]), 'NOT_FOUND');
  });

  it.each(existingCommands)('answers CREDENTIAL_DESTROYED to %s on a destroyed credential', (name) => {
    expectRejected(() => given([registered, destroyed]).when(commands[name]), 'CREDENTIAL_DESTROYED');
  });

  describe('ChangeCredentialMetadata', () => {
    it('emits only the fields that really changed', () => {
      const command = {
        ...commands.change,
        data: {
          credentialId: id,
          changes: { name: metadata.name, purpose: 'batch', labels: ['env:prod'], extra: { base_url: 'https://api.openai.com/v1' } },
        },
      };
      expect(given([registered]).when(command)).toEqual([
        { type: 'CredentialMetadataChanged', data: { credentialId: id, actor: 'bob', at: later.now, changes: { purpose: 'batch' } } },
      ]);
    });

    it('emits nothing when nothing changes', () => {
      const command = { ...commands.change, data: { credentialId: id, changes: { purpose: 'llm', labels: ['env:prod'] } } };
      expect(given([registered]).when(command)).toEqual([]);
    });

    it('is allowed on an inactive credential', () => {
      expect(given([registered, deactivated]).when(commands.change)).toHaveLength(1);
    });
  });

  describe('RotateSecret', () => {
    it('emits SecretRotated with the next secret version', () => {
      expect(given([registered]).when(commands.rotate)).toEqual([
        { type: 'SecretRotated', data: { credentialId: id, actor: 'bob', at: later.now, secretVersion: 2, secret: sealed(2) } },
      ]);
    });

    it('refuses an inactive credential', () => {
      expectRejected(() => given([registered, deactivated]).when(commands.rotate), 'CREDENTIAL_INACTIVE');
    });

    it.each([1, 3])('refuses secret version %i when the next one is 2', (secretVersion) => {
      const command = { ...commands.rotate, data: { ...commands.rotate.data, secretVersion } };
      expectRejected(() => given([registered]).when(command), 'INVALID_STATE');
    });
  });

  describe('ReencryptSecret', () => {
    it('emits SecretReencrypted for the current secret version under the fresh data key', () => {
      expect(given([registered]).when(commands.reencrypt)).toEqual([
        { type: 'SecretReencrypted', data: { actor: 'system:worker', at: later.now, ...commands.reencrypt.data } },
      ]);
    });

    it('re-encrypts an inactive credential too', () => {
      expect(given([registered, deactivated]).when(commands.reencrypt)).toHaveLength(1);
    });

    it('refuses a secret version that is not the current one (a rotation got there first)', () => {
      const command = { ...commands.reencrypt, data: { ...commands.reencrypt.data, secretVersion: 2 } };
      expectRejected(() => given([registered]).when(command), 'INVALID_STATE');
    });

    it('refuses to "re-encrypt" under the data key the secret already has', () => {
      const command = { ...commands.reencrypt, data: { ...commands.reencrypt.data, secret: sealed(1) } };
      expectRejected(() => given([registered]).when(command), 'INVALID_STATE');
    });
  });

  describe('DeactivateCredential', () => {
    it('deactivates an active credential', () => {
      expect(given([registered]).when(commands.deactivate)).toEqual([
        { type: 'CredentialDeactivated', data: { credentialId: id, actor: 'bob', at: later.now } },
      ]);
    });

    it('is idempotent on an inactive credential', () => {
      expect(given([registered, deactivated]).when(commands.deactivate)).toEqual([]);
    });
  });

  describe('RestoreCredential', () => {
    it('restores an inactive credential', () => {
      expect(given([registered, deactivated]).when(commands.restore)).toEqual([
        { type: 'CredentialRestored', data: { credentialId: id, actor: 'bob', at: later.now } },
      ]);
    });

    it('is idempotent on an active credential', () => {
      expect(given([registered]).when(commands.restore)).toEqual([]);
    });
  });

  describe('DestroyCredential', () => {
    it.each([
      ['active', [registered]],
      ['inactive', [registered, deactivated]],
    ])('destroys an %s credential', (_status, events) => {
      expect(given(events).when(commands.destroy)).toEqual([
        { type: 'CredentialDestroyed', data: { credentialId: id, actor: 'bob', at: later.now } },
      ]);
    });
  });
});

describe('nextSecretVersion', () => {
  it('is the current secret version + 1 for an active credential', () => {
    const rotated: CredentialEvent = {
      type: 'SecretRotated',
      data: { credentialId: id, actor: 'bob', at: later.now, secretVersion: 2, secret: sealed(2) },
    };
    expect(nextSecretVersion(foldCredential([registered]))).toBe(2);
    expect(nextSecretVersion(foldCredential([registered, rotated]))).toBe(3);
  });

  it('applies the rotation state rules', () => {
    expectRejected(() => nextSecretVersion(foldCredential([])), 'NOT_FOUND');
    expectRejected(() => nextSecretVersion(foldCredential([registered, deactivated])), 'CREDENTIAL_INACTIVE');
    expectRejected(() => nextSecretVersion(foldCredential([registered, destroyed])), 'CREDENTIAL_DESTROYED');
  });
});
