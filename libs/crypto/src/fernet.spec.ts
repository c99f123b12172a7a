import { fernetDecrypt, parseFernetKey, type FernetFailure } from './fernet.js';

// The official test vectors of the Fernet spec (github.com/fernet/spec:
// verify.json and invalid.json).
const SECRET = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
const key = parseFernetKey(SECRET);
const at = (iso: string) => Date.parse(iso);
const VALID = 'gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==';

it('decrypts the spec verify vector', () => {
  expect(fernetDecrypt(VALID, key, { ttlSeconds: 60, now: at('1985-10-26T01:20:01-07:00') }).toString()).toBe('hello');
});

it('decrypts without a TTL (an export can be years old), and accepts an unpadded token', () => {
  expect(fernetDecrypt(VALID, key).toString()).toBe('hello');
  expect(fernetDecrypt(VALID.replace(/=+$/, ''), key).toString()).toBe('hello');
});

const INVALID: [desc: string, token: string, now: string, reason: FernetFailure][] = [
  [
    'incorrect mac',
    'gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykQUFBQUFBQUFBQQ==',
    '1985-10-26T01:20:01-07:00',
    'signature',
  ],
  ['too short', 'gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPA==', '1985-10-26T01:20:01-07:00', 'format'],
  [
    'invalid base64',
    '%%%%%%%%%%%%%AECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==',
    '1985-10-26T01:20:01-07:00',
    'format',
  ],
  [
    'payload size not multiple of block size',
    'gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPOm73QeoCk9uGib28Xe5vz6oxq5nmxbx_v7mrfyudzUm',
    '1985-10-26T01:20:01-07:00',
    'format',
  ],
  [
    'payload padding error',
    'gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3RtXatOYREu2FWke6CnJNYIbkuKNqOhw==',
    '1985-10-26T01:20:01-07:00',
    'padding',
  ],
  [
    'far-future TS (unacceptable clock skew)',
    'gAAAAAAdwStRAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAnja1xKYyhd-Y6mSkTOyTGJmw2Xc2a6kBd-iX9b_qXQcw==',
    '1985-10-26T01:20:01-07:00',
    'future',
  ],
  [
    'expired TTL',
    'gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==',
    '1985-10-26T01:21:31-07:00',
    'expired',
  ],
  [
    'incorrect IV (causes padding error)',
    'gAAAAAAdwJ6xBQECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAkLhFLHpGtDBRLRTZeUfWgHSv49TF2AUEZ1TIvcZjK1zQ==',
    '1985-10-26T01:20:01-07:00',
    'padding',
  ],
  ['trailing characters after b64 padding', `${VALID}trailingdata`, '1985-10-26T01:20:01-07:00', 'format'],
  [
    'invalid characters in b64',
    '*gAAAAAAdwJ6wAAECAwQFBgcI!CQoLDA0ODy021?cpGVWKZ_eEwC@GM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==',
    '1985-10-26T01:20:01-07:00',
    'format',
  ],
  [
    'invalid non-urlsafe characters in b64',
    'gAAAAAAdwJ6wAAEC/AwQFBgcICQoLDA0ODy+021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==',
    '1985-10-26T01:20:01-07:00',
    'format',
  ],
];

it.each(INVALID)('refuses the spec invalid vector "%s"', (_desc, token, now, reason) => {
  expect(() => fernetDecrypt(token, key, { ttlSeconds: 60, now: at(now) })).toThrow(expect.objectContaining({ reason }));
});

it('refuses a token whose HMAC fails under another key, saying so without echoing anything', () => {
  const other = parseFernetKey(Buffer.alloc(32, 1).toString('base64url'));
  let message = '';
  try {
    fernetDecrypt(VALID, other);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toBe('Fernet token failed its HMAC check: wrong key, or the token was altered');
});

it('refuses a token with one flipped ciphertext bit', () => {
  const bytes = Buffer.from(VALID, 'base64url');
  bytes[30]! ^= 1;
  expect(() => fernetDecrypt(bytes.toString('base64url'), key)).toThrow(expect.objectContaining({ reason: 'signature' }));
});

it('refuses keys that are not 32 bytes of URL-safe base64, without echoing them', () => {
  for (const bad of ['', 'short', `${SECRET}x`, SECRET.replace('_', '/'), Buffer.alloc(31).toString('base64url')]) {
    expect(() => parseFernetKey(bad)).toThrow(expect.objectContaining({ reason: 'key' }));
  }
  expect(() => parseFernetKey('not-a-key-at-all')).toThrow(/^a Fernet key is 32 bytes/);
});
