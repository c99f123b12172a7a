// The encrypted export (backup) file: plaintext sealed with AES-256-GCM
// under a key derived for this purpose alone, from the operator's 32-byte key
// (HKDF-SHA256) or passphrase (scrypt), with a fresh salt per file.
//
//   keyledger-export v1
//   {"kdf":"scrypt","salt":"…","N":32768,"r":8,"p":1,"meta":{…}}
//   <base64url nonce || ciphertext || tag>
//
// The first two lines are the associated data: changing a parameter, the
// header or a ciphertext byte makes the file fail to open.
import { hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { gcmOpen, gcmSeal } from './aead.js';
import { NONCE_BYTES } from './envelope.js';
import { DecryptionFailed } from './errors.js';

export const EXPORT_HEADER = 'keyledger-export v1';
const HKDF_INFO = 'keyledger-export/v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const MAX_SCRYPT_N = 2 ** 20;

export type ExportSecret = { key: Buffer } | { passphrase: string };

export interface ExportParams {
  kdf: 'hkdf-sha256' | 'scrypt';
  salt: string;
  N?: number;
  r?: number;
  p?: number;
  /** Anything the writer wants in clear and bound to the file (count, createdAt). */
  meta?: Record<string, unknown>;
}

export class ExportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFileError';
  }
}

export function sealExport(plaintext: Buffer, secret: ExportSecret, meta: Record<string, unknown> = {}): string {
  const kdf = 'key' in secret ? { kdf: 'hkdf-sha256' as const } : { kdf: 'scrypt' as const, ...SCRYPT };
  const params: ExportParams = { ...kdf, salt: randomBytes(16).toString('base64url'), meta };
  const head = `${EXPORT_HEADER}\n${JSON.stringify(params)}\n`;
  const { nonce, body } = gcmSeal(deriveExportKey(secret, params), plaintext, Buffer.from(head));
  return `${head}${Buffer.concat([nonce, body]).toString('base64url')}\n`;
}

/** The parameters of an export file, read without any key (to know whether to ask for a key or a passphrase). */
export function readExportParams(text: string): ExportParams {
  const [header, json] = text.split('\n', 2);
  if (header !== EXPORT_HEADER) {
    const version = /^keyledger-export v(\S+)$/.exec(header ?? '')?.[1];
    throw new ExportFileError(version ? `unsupported export version ${version}` : 'not a Keyledger export file');
  }
  try {
    const params = JSON.parse(json ?? '') as ExportParams;
    if ((params.kdf === 'hkdf-sha256' || params.kdf === 'scrypt') && typeof params.salt === 'string') {
      return params;
    }
  } catch {
    // fall through
  }
  throw new ExportFileError('the export file is damaged: its parameter line is unreadable');
}

export function openExport(text: string, secret: ExportSecret): Buffer {
  const params = readExportParams(text);
  if ('key' in secret !== (params.kdf === 'hkdf-sha256')) {
    throw new ExportFileError(
      params.kdf === 'scrypt'
        ? 'this export is sealed with a passphrase, not a key file'
        : 'this export is sealed with a key file, not a passphrase',
    );
  }
  const lines = text.split('\n');
  const head = `${lines[0]}\n${lines[1]}\n`;
  try {
    const key = deriveExportKey(secret, params);
    const bytes = Buffer.from((lines[2] ?? '').trim(), 'base64url');
    return gcmOpen(key, { nonce: bytes.subarray(0, NONCE_BYTES), body: bytes.subarray(NONCE_BYTES) }, Buffer.from(head));
  } catch (error) {
    if (!(error instanceof DecryptionFailed) && !(error instanceof RangeError)) throw error;
    throw new ExportFileError('the export could not be opened: wrong key or passphrase, or the file was changed');
  }
}

function deriveExportKey(secret: ExportSecret, params: ExportParams): Buffer {
  const salt = Buffer.from(params.salt, 'base64url');
  if ('key' in secret) {
    if (secret.key.length !== 32) throw new ExportFileError('an export key is 32 bytes (base64 in the key file)');
    return Buffer.from(hkdfSync('sha256', secret.key, salt, HKDF_INFO, 32));
  }
  const { N = SCRYPT.N, r = SCRYPT.r, p = SCRYPT.p } = params;
  if (!Number.isInteger(N) || N > MAX_SCRYPT_N || r > 16 || p > 4)
    throw new ExportFileError('the export file asks for unreasonable scrypt parameters');
  return scryptSync(secret.passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r });
}

/** The 32-byte key of a key file: base64 (standard or URL-safe), as `openssl rand -base64 32` writes it. */
export function parseExportKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32)
    throw new ExportFileError('an export key file holds 32 random bytes in base64: openssl rand -base64 32 > export.key');
  return bytes;
}
