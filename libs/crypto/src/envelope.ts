// The dotted text envelope shared by sealed secrets and wrapped data keys:
// `<format>.<keyId>.<b64url nonce>.<b64url ciphertext||tag>`.
// Parsing is strict (canonical base64url only) so that every change to the
// text is either rejected here or changes the bytes GCM authenticates.

import { DecryptionFailed } from './errors.js';

/** Ids of master keys and data keys; excludes '.', the envelope separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

const B64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface Envelope {
  keyId: string;
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  body: Buffer;
}

export function formatEnvelope(format: string, envelope: Envelope): string {
  const { keyId, nonce, body } = envelope;
  return `${format}.${keyId}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
}

/** Throws DecryptionFailed unless `text` is a well-formed envelope of `format`. */
export function parseEnvelope(format: string, text: string): Envelope {
  if (typeof text !== 'string') throw new DecryptionFailed();
  const [prefix, keyId, nonceText, bodyText, ...extra] = text.split('.');
  if (prefix !== format || keyId === undefined || nonceText === undefined || bodyText === undefined || extra.length > 0) {
    throw new DecryptionFailed();
  }
  if (!KEY_ID_PATTERN.test(keyId)) throw new DecryptionFailed();
  const nonce = decodeCanonical(nonceText);
  const body = decodeCanonical(bodyText);
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) throw new DecryptionFailed();
  return { keyId, nonce, body };
}

function decodeCanonical(text: string): Buffer {
  if (!B64URL_PATTERN.test(text)) throw new DecryptionFailed();
  const bytes = Buffer.from(text, 'base64url');
  // Node ignores stray trailing bits; re-encoding exposes a non-canonical form.
  if (bytes.toString('base64url') !== text) throw new DecryptionFailed();
  return bytes;
}
