// AES-256-GCM with a fresh random 96-bit nonce per encryption and a full
// 128-bit tag. Associated data is built by `associatedData` so that no two
// different tuples encode to the same bytes.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionFailed } from './errors.js';
import { NONCE_BYTES, TAG_BYTES } from './envelope.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;

export interface Sealed {
  nonce: Buffer;
  /** Ciphertext followed by the tag. */
  body: Buffer;
}

/** JSON of an array of strings and integers is unambiguous and stable. */
export function associatedData(parts: ReadonlyArray<string | number>): Buffer {
  return Buffer.from(JSON.stringify(parts), 'utf8');
}

export function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  if (key.length !== KEY_BYTES) throw new RangeError(`AES-256-GCM needs a ${KEY_BYTES}-byte key`);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, body };
}

/** Throws DecryptionFailed on a wrong key, wrong AAD or any altered byte. */
export function gcmOpen(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  const { nonce, body } = sealed;
  if (key.length !== KEY_BYTES || nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
    throw new DecryptionFailed();
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionFailed();
  }
}
