// The secrets broker's scheme, for importing its host credentials: a key
// derived from its SECRETS_KMS_KEY with PBKDF2-HMAC-SHA256 (100,000
// iterations, the static salt `opsconductor-secrets-v1`), and each password
// stored as base64(12-byte nonce || AES-256-GCM ciphertext || 16-byte tag),
// without associated data. Messages never carry key, nonce or plaintext.
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';

export const BROKER_KDF = { salt: 'opsconductor-secrets-v1', iterations: 100_000, digest: 'sha256', keyBytes: 32 } as const;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class BrokerCipherError extends Error {
  constructor(
    readonly reason: 'format' | 'authentication',
    message: string,
  ) {
    super(message);
    this.name = 'BrokerCipherError';
  }
}

/** The 32-byte AES key the broker derives from its SECRETS_KMS_KEY. */
export function deriveBrokerKey(kmsKey: string): Buffer {
  const { salt, iterations, keyBytes, digest } = BROKER_KDF;
  return pbkdf2Sync(Buffer.from(kmsKey, 'utf8'), Buffer.from(salt, 'utf8'), iterations, keyBytes, digest);
}

/** The plaintext of one stored value; refuses a malformed value and, through the tag, a wrong key or any changed byte. */
export function brokerDecrypt(stored: string, key: Buffer): Buffer {
  const text = stored.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new BrokerCipherError('format', 'not a broker ciphertext: invalid base64');
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new BrokerCipherError('format', 'not a broker ciphertext: too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BrokerCipherError('authentication', 'AES-GCM authentication failed: wrong key, or the value was altered');
  }
}
