import { createCipheriv } from 'node:crypto';
import { BrokerCipherError, brokerDecrypt, deriveBrokerKey } from './broker-cipher.js';

// Computed independently with Python's `cryptography` (PBKDF2HMAC, AESGCM):
// kms key "broker-kms-key-for-tests", nonce 00 01 .. 0b, plaintext "SecurePass123 ✓".
const KMS_KEY = 'broker-kms-key-for-tests';
const DERIVED = 'a853e4a60f74cf2a7ba50ac1d380ad9e9de9d8cea0f440683b2d08c32827d231';
const STORED = 'AAECAwQFBgcICQoLnHVGdFBciQ/e3V++lz4CPkUaWYiPnSjgxA+y2CR1cIW0';

it('derives the key and opens the reference vector', () => {
  const key = deriveBrokerKey(KMS_KEY);
  expect(key.toString('hex')).toBe(DERIVED);
  expect(brokerDecrypt(STORED, key).toString('utf8')).toBe('SecurePass123 ✓');
});

it('opens what node:crypto seals in the same layout', () => {
  const key = deriveBrokerKey('another key');
  const nonce = Buffer.alloc(12, 7);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const stored = Buffer.concat([nonce, cipher.update('hunter2'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  expect(brokerDecrypt(stored, key).toString()).toBe('hunter2');
});

it('refuses a wrong key, a changed byte and a malformed value, without echoing them', () => {
  const fail = (stored: string, key = deriveBrokerKey(KMS_KEY)) => {
    try {
      brokerDecrypt(stored, key);
    } catch (error) {
      expect(error).toBeInstanceOf(BrokerCipherError);
      expect((error as Error).message).not.toContain(stored);
      return (error as BrokerCipherError).reason;
    }
    throw new Error('expected a refusal');
  };
  expect(fail(STORED, deriveBrokerKey('wrong'))).toBe('authentication');
  const bytes = Buffer.from(STORED, 'base64');
  bytes[14]! ^= 1;
  expect(fail(bytes.toString('base64'))).toBe('authentication');
  expect(fail('not base64!')).toBe('format');
  expect(fail('AAAA')).toBe('format');
});
