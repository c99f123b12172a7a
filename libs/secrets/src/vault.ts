import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { generateDataKey, maskSecret, openSecret, sealSecret, type KeyProvider, type SecretBinding } from '#crypto';
import { KeyledgerError, type SealedSecret } from '#domain';
import { deleteCredentialKeys, deleteDataKey, findWrappedKey, insertDataKey } from './data-keys.js';

/**
 * Envelope encryption over the key table: each credential gets its own data
 * key (DEK), stored only wrapped by the active master key. Plaintext DEKs live
 * for the duration of one call and are zeroed afterwards.
 */
export class Vault {
  constructor(private readonly keys: KeyProvider) {}

  /** Creates the credential's data key (in `tx`) and seals secret version 1 under it. */
  sealFirst(tx: EntityManager, credentialId: string, plaintext: string): Promise<SealedSecret> {
    return this.sealUnderNewKey(tx, plaintext, { credentialId, secretVersion: 1 });
  }

  /** Creates a fresh data key for the credential (in `tx`, wrapped by the active master key) and seals under it. */
  async sealUnderNewKey(tx: EntityManager, plaintext: string, binding: SecretBinding): Promise<SealedSecret> {
    const dekId = randomUUID();
    const dek = generateDataKey();
    try {
      const wrapped = await this.keys.wrapKey(dek, dekId);
      await insertDataKey(tx, { dekId, credentialId: binding.credentialId, kekId: this.keys.kekIdOf(wrapped), wrapped });
      return this.seal(dek, dekId, plaintext, binding);
    } finally {
      dek.fill(0);
    }
  }

  /** Seals a new secret version under the data key the credential already has. */
  async sealNext(em: EntityManager, current: SealedSecret, plaintext: string, binding: SecretBinding): Promise<SealedSecret> {
    const dek = await this.dataKey(em, current.dekId);
    try {
      return this.seal(dek, current.dekId, plaintext, binding);
    } finally {
      dek.fill(0);
    }
  }

  /** Opens a sealed secret; `wrapped` may be passed when the caller already read it (hot path). */
  async open(em: EntityManager, sealed: SealedSecret, binding: SecretBinding, wrapped?: string | null): Promise<string> {
    const dek = wrapped ? await this.keys.unwrapKey(wrapped, sealed.dekId) : await this.dataKey(em, sealed.dekId);
    try {
      return openSecret(dek, sealed.ciphertext, binding);
    } finally {
      dek.fill(0);
    }
  }

  /** Deletes every data key of the credential: its ciphertexts become unreadable for good. */
  shred(tx: EntityManager, credentialId: string): Promise<number> {
    return deleteCredentialKeys(tx, credentialId);
  }

  /** Deletes one data key (a re-encryption replaced it): whatever it sealed becomes unreadable. */
  retire(tx: EntityManager, dekId: string): Promise<number> {
    return deleteDataKey(tx, dekId);
  }

  private seal(dek: Buffer, dekId: string, plaintext: string, binding: SecretBinding): SealedSecret {
    return { ciphertext: sealSecret(dek, dekId, plaintext, binding), dekId, preview: maskSecret(plaintext) };
  }

  private async dataKey(em: EntityManager, dekId: string): Promise<Buffer> {
    const wrapped = await findWrappedKey(em, dekId);
    if (!wrapped) throw new KeyledgerError('DECRYPTION_FAILED', 'the data key of this secret no longer exists');
    return this.keys.unwrapKey(wrapped, dekId);
  }
}
