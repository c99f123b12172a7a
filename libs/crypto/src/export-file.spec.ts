import { randomBytes } from 'node:crypto';
import { EXPORT_HEADER, openExport, parseExportKey, readExportParams, sealExport } from './export-file.js';

const key = randomBytes(32);
const plaintext = Buffer.from(JSON.stringify({ credentials: [{ name: 'a', secret: 'sk-very-secret-value' }] }));

it('round-trips under a key file and under a passphrase, with a version header', () => {
  const withKey = sealExport(plaintext, { key }, { count: 1 });
  expect(withKey.startsWith(`${EXPORT_HEADER}\n`)).toBe(true);
  expect(readExportParams(withKey)).toMatchObject({ kdf: 'hkdf-sha256', meta: { count: 1 } });
  expect(openExport(withKey, { key })).toEqual(plaintext);
  const withPassphrase = sealExport(plaintext, { passphrase: 'correct horse battery staple' });
  expect(readExportParams(withPassphrase)).toMatchObject({ kdf: 'scrypt', N: 32768, r: 8, p: 1 });
  expect(openExport(withPassphrase, { passphrase: 'correct horse battery staple' })).toEqual(plaintext);
});

it('never carries the plaintext in clear, and uses a fresh salt and nonce per file', () => {
  const a = sealExport(plaintext, { key });
  const b = sealExport(plaintext, { key });
  expect(a).not.toContain('sk-very-secret-value');
  expect(Buffer.from(a.split('\n')[2]!, 'base64url').toString('latin1')).not.toContain('sk-very-secret-value');
  expect(a).not.toEqual(b);
  expect(readExportParams(a).salt).not.toEqual(readExportParams(b).salt);
});

const REFUSED = 'the export could not be opened: wrong key or passphrase, or the file was changed';

it('refuses a wrong key or passphrase with one clear message', () => {
  expect(() => openExport(sealExport(plaintext, { key }), { key: randomBytes(32) })).toThrow(REFUSED);
  expect(() => openExport(sealExport(plaintext, { passphrase: 'one' }), { passphrase: 'two' })).toThrow(REFUSED);
  expect(() => openExport(sealExport(plaintext, { key }), { passphrase: 'x' })).toThrow('sealed with a key file');
});

it('refuses a file with a changed ciphertext byte, parameter or header', () => {
  const file = sealExport(plaintext, { key }, { count: 1 });
  const [header, params, body] = file.split('\n');
  const bytes = Buffer.from(body!, 'base64url');
  bytes[20]! ^= 1;
  expect(() => openExport(`${header}\n${params}\n${bytes.toString('base64url')}\n`, { key })).toThrow(REFUSED);
  expect(() => openExport(`${header}\n${params!.replace('"count":1', '"count":2')}\n${body}\n`, { key })).toThrow(REFUSED);
  expect(() => openExport(`${header}\n${params}\n`, { key })).toThrow(REFUSED);
  expect(() => openExport(file.replace('v1', 'v9'), { key })).toThrow('unsupported export version 9');
  expect(() => openExport('hello\n', { key })).toThrow('not a Keyledger export file');
  expect(() => openExport(`${header}\n{nope\n${body}\n`, { key })).toThrow('damaged');
});

it('reads key files in base64 and refuses anything that is not 32 bytes, without echoing it', () => {
  expect(parseExportKey(`${key.toString('base64')}\n`)).toEqual(key);
  expect(parseExportKey(key.toString('base64url'))).toEqual(key);
  expect(() => parseExportKey('c2hvcnQ=')).toThrow(/^an export key file holds 32 random bytes/);
});

it('refuses a file that asks for an absurd scrypt cost', () => {
  const file = sealExport(plaintext, { passphrase: 'p' }).replace('"N":32768', `"N":${2 ** 30}`);
  expect(() => openExport(file, { passphrase: 'p' })).toThrow('unreasonable scrypt parameters');
});
