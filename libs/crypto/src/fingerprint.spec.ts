import { randomBytes } from 'node:crypto';
import { constantTimeEqual, keyedFingerprint } from './fingerprint.js';

describe('keyedFingerprint', () => {
  it('is HMAC-SHA256 in hex (RFC 4231 test case 6)', () => {
    const key = Buffer.alloc(131, 0xaa);
    const data = 'Test Using Larger Than Block-Size Key - Hash Key First';
    expect(keyedFingerprint(key, data)).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('depends on the key and treats a string as its UTF-8 bytes', () => {
    const key = randomBytes(32);
    const fingerprint = keyedFingerprint(key, 'sk-ünïcode');
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedFingerprint(key, Buffer.from('sk-ünïcode', 'utf8'))).toBe(fingerprint);
    expect(keyedFingerprint(randomBytes(32), 'sk-ünïcode')).not.toBe(fingerprint);
    expect(keyedFingerprint(key, 'sk-unicode')).not.toBe(fingerprint);
  });

  it('refuses keys shorter than 32 bytes', () => {
    expect(() => keyedFingerprint(Buffer.alloc(0), 'x')).toThrow(RangeError);
    expect(() => keyedFingerprint(randomBytes(31), 'x')).toThrow(RangeError);
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('token-abc', 'token-abc')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('token-abc', 'token-abd')).toBe(false);
    expect(constantTimeEqual('token-abc', 'token-ab')).toBe(false);
    expect(constantTimeEqual('token', '')).toBe(false);
    expect(constantTimeEqual('é', 'e\u0301')).toBe(false);
  });
});
