// Wrapping of data keys (DEKs) by master keys (KEKs). `KeyProvider` is the
// seam for a cloud KMS or Vault transit; `EnvKeyProvider` holds the KEKs
// from the environment in memory.

import { hkdfSync, type KeyObject } from 'node:crypto';
import { aesKey, associatedData, gcmOpen, gcmSeal } from './aead.js';
import { formatEnvelope, KEY_ID_PATTERN, parseEnvelope } from './envelope.js';
import { DecryptionFailed, MasterKeyError } from './errors.js';
import { MASTER_KEY_BYTES, parseMasterKeys, type MasterKey, type MasterKeyEnv } from './master-keys.js';

export interface KeyProvider {
  /** The KEK that wraps every new data key. */
  readonly activeKekId: string;
  /** Every known KEK id, active first. */
  kekIds(): string[];
  /** Envelope string carrying the format version and the KEK id. */
  wrapKey(dek: Buffer, dekId: string): Promise<string>;
  /** Throws DecryptionFailed if tampered, under a wrong or unknown KEK, or wrapped for another dekId. */
  unwrapKey(wrapped: string, dekId: string): Promise<Buffer>;
  /** The KEK id of a wrapped key, without decrypting; throws DecryptionFailed if malformed. */
  kekIdOf(wrapped: string): string;
  /** 32-byte HKDF-SHA256 key from the active KEK, for keyed fingerprints. */
  deriveKey(purpose: string): Buffer;
  /**
   * The same derivation from a named KEK, for keys that must stay checkable
   * after another KEK becomes active (event seals record the KEK id they used).
   * Throws RangeError when the KEK is not in the keyring.
   */
  deriveKeyFor(kekId: string, purpose: string): Buffer;
}

/** Format version of wrapped data keys. */
export const WRAP_FORMAT = 'kw1';
const WRAPPED_DEK_BYTES = 32;
const DERIVE_SALT = Buffer.from('keyledger/derive-key/v1', 'utf8');

export class EnvKeyProvider implements KeyProvider {
  readonly activeKekId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;
  // One KeyObject per master key, made here and kept exactly as long as the
  // key itself: every wrap and unwrap would otherwise import the raw key anew.
  private readonly kekObjects: ReadonlyMap<string, KeyObject>;
  private readonly activeKek: KeyObject;

  constructor(keys: MasterKey[]) {
    const [active] = keys;
    if (active === undefined) throw new MasterKeyError('EnvKeyProvider needs at least one master key');
    const copies = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new MasterKeyError('EnvKeyProvider: invalid master key id');
      if (key.length !== MASTER_KEY_BYTES) throw new MasterKeyError('EnvKeyProvider: master key is not 32 bytes');
      if (copies.has(id)) throw new MasterKeyError('EnvKeyProvider: duplicate master key id');
      // A private copy: a caller zeroing or reusing its buffer cannot change the ring.
      copies.set(id, Buffer.from(key));
    }
    this.keys = copies;
    this.kekObjects = new Map([...copies].map(([id, key]) => [id, aesKey(key)]));
    this.activeKekId = active.id;
    this.activeKek = this.kekObjects.get(this.activeKekId) as KeyObject;
  }

  static fromEnv(env: MasterKeyEnv): EnvKeyProvider {
    return new EnvKeyProvider(parseMasterKeys(env));
  }

  kekIds(): string[] {
    return [...this.keys.keys()];
  }

  async wrapKey(dek: Buffer, dekId: string): Promise<string> {
    if (dek.length !== WRAPPED_DEK_BYTES) throw new RangeError(`a data key must be ${WRAPPED_DEK_BYTES} bytes`);
    if (!KEY_ID_PATTERN.test(dekId)) throw new RangeError('dekId must be 1-64 of A-Z a-z 0-9 _ -');
    const sealed = gcmSeal(this.activeKek, dek, wrapAad(this.activeKekId, dekId));
    return formatEnvelope(WRAP_FORMAT, { keyId: this.activeKekId, ...sealed });
  }

  async unwrapKey(wrapped: string, dekId: string): Promise<Buffer> {
    const envelope = parseEnvelope(WRAP_FORMAT, wrapped);
    const kek = this.kekObjects.get(envelope.keyId);
    if (kek === undefined) throw new DecryptionFailed();
    const dek = gcmOpen(kek, envelope, wrapAad(envelope.keyId, dekId));
    if (dek.length !== WRAPPED_DEK_BYTES) throw new DecryptionFailed();
    return dek;
  }

  kekIdOf(wrapped: string): string {
    return parseEnvelope(WRAP_FORMAT, wrapped).keyId;
  }

  deriveKey(purpose: string): Buffer {
    return this.deriveKeyFor(this.activeKekId, purpose);
  }

  deriveKeyFor(kekId: string, purpose: string): Buffer {
    if (purpose.length === 0) throw new RangeError('deriveKey needs a non-empty purpose');
    const kek = this.keys.get(kekId);
    if (kek === undefined) throw new RangeError('no master key with this id in the keyring');
    return derivePurposeKey(kek, purpose);
  }
}

/** A 256-bit key for one purpose, derived from a secret key with HKDF-SHA256. */
export function derivePurposeKey(secret: Buffer, purpose: string): Buffer {
  if (purpose.length === 0) throw new RangeError('deriveKey needs a non-empty purpose');
  return Buffer.from(hkdfSync('sha256', secret, DERIVE_SALT, `keyledger:${purpose}`, 32));
}

/** Binds a wrapped DEK to its format, KEK and dekId: it cannot be moved to another DEK row. */
function wrapAad(kekId: string, dekId: string): Buffer {
  return associatedData([WRAP_FORMAT, kekId, dekId]);
}
