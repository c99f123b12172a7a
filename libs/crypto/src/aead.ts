// AES-256-GCM with a fresh random 96-bit nonce per encryption and a full
// 128-bit tag. Associated data is built by `associatedData` so that no two
// different tuples encode to the same bytes.

import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { DecryptionFailed } from './errors.js';
import { NONCE_BYTES, TAG_BYTES } from './envelope.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;

/**
 * A 256-bit key as the ciphers take it: raw bytes, or a KeyObject made once
 * with `aesKey`. Node imports a Buffer key into a new key object on every
 * cipher it creates, which costs more than the AES-GCM of a short secret, so
 * a key used more than once (a master key) is converted once and kept.
 */
export type AesKey = Buffer | KeyObject;

/** The KeyObject of a 32-byte key; RangeError for any other length. */
export function aesKey(bytes: Buffer): KeyObject {
  if (bytes.length !== KEY_BYTES) throw new RangeError(`AES-256-GCM needs a ${KEY_BYTES}-byte key`);
  return createSecretKey(bytes);
}

function isAesKey(key: AesKey): boolean {
  return Buffer.isBuffer(key) ? key.length === KEY_BYTES : key.type === 'secret' && key.symmetricKeySize === KEY_BYTES;
}

// One conversion per call: the Buffer would otherwise be imported once more
// by the cipher itself (see AesKey).
const keyObjectOf = (key: AesKey): KeyObject => (Buffer.isBuffer(key) ? createSecretKey(key) : key);

export interface Sealed {
  nonce: Buffer;
  /** Ciphertext followed by the tag. */
  body: Buffer;
}

/** JSON of an array of strings and integers is unambiguous and stable. */
export function associatedData(parts: ReadonlyArray<string | number>): Buffer {
  return Buffer.from(JSON.stringify(parts), 'utf8');
}

export function gcmSeal(key: AesKey, plaintext: Buffer, aad: Buffer): Sealed {
  if (!isAesKey(key)) throw new RangeError(`AES-256-GCM needs a ${KEY_BYTES}-byte key`);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyObjectOf(key), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, body };
}

/** Throws DecryptionFailed on a wrong key, wrong AAD or any altered byte. */
export function gcmOpen(key: AesKey, sealed: Sealed, aad: Buffer): Buffer {
  const { nonce, body } = sealed;
  if (!isAesKey(key) || nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
    throw new DecryptionFailed();
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, keyObjectOf(key), nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionFailed();
  }
}
