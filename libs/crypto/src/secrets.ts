// Sealing of secret values under a credential's data key (DEK). The
// associated data binds a ciphertext to its format, DEK, credential and
// secret version: copied onto another credential or version it fails.

import { randomBytes } from 'node:crypto';
import { associatedData, gcmOpen, gcmSeal } from './aead.js';
import { formatEnvelope, KEY_ID_PATTERN, parseEnvelope } from './envelope.js';
import { DecryptionFailed } from './errors.js';

export const DATA_KEY_BYTES = 32;

/** Format version of sealed secrets. */
export const SEAL_FORMAT = 'kl1';

export interface SecretBinding {
  credentialId: string;
  secretVersion: number;
}

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** `kl1.<dekId>.<b64url nonce>.<b64url ciphertext||tag>`, fresh nonce per call. */
export function sealSecret(dek: Buffer, dekId: string, plaintext: string, binding: SecretBinding): string {
  if (dek.length !== DATA_KEY_BYTES) throw new RangeError(`a data key must be ${DATA_KEY_BYTES} bytes`);
  if (!KEY_ID_PATTERN.test(dekId)) throw new RangeError('dekId must be 1-64 of A-Z a-z 0-9 _ -');
  if (!validBinding(binding)) {
    throw new RangeError('binding needs a non-empty credentialId and a non-negative integer secretVersion');
  }
  const sealed = gcmSeal(dek, Buffer.from(plaintext, 'utf8'), sealAad(dekId, binding));
  return formatEnvelope(SEAL_FORMAT, { keyId: dekId, ...sealed });
}

/** Throws DecryptionFailed on any problem; the error says nothing about which. */
export function openSecret(dek: Buffer, sealed: string, binding: SecretBinding): string {
  const envelope = parseEnvelope(SEAL_FORMAT, sealed);
  if (!validBinding(binding)) throw new DecryptionFailed();
  const plaintext = gcmOpen(dek, envelope, sealAad(envelope.keyId, binding));
  return plaintext.toString('utf8');
}

/** The id of the DEK a secret was sealed under; throws DecryptionFailed if malformed. */
export function dekIdOf(sealed: string): string {
  return parseEnvelope(SEAL_FORMAT, sealed).keyId;
}

function validBinding(binding: SecretBinding): boolean {
  return (
    typeof binding.credentialId === 'string' &&
    binding.credentialId.length > 0 &&
    Number.isSafeInteger(binding.secretVersion) &&
    binding.secretVersion >= 0
  );
}

function sealAad(dekId: string, binding: SecretBinding): Buffer {
  return associatedData([SEAL_FORMAT, dekId, binding.credentialId, binding.secretVersion]);
}
