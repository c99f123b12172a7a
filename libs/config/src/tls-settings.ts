// HTTPS for the API: a certificate chain and its private key, PEM files
// named by KEYLEDGER_TLS_CERT and KEYLEDGER_TLS_KEY. Without them the API
// serves plain HTTP, on loopback unless KEYLEDGER_ALLOW_PLAIN_HTTP says a
// TLS-terminating proxy stands in front of it.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ConfigError } from './config-error.js';
import { readChoice, readRaw, type Env } from './readers.js';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface TlsMaterial {
  cert: string;
  key: string;
}

export interface ListenSettings {
  host: string;
  tls: TlsFiles | null;
  allowPlainHttp: boolean;
}

const HOST_PATTERN = /^[^\s/]{1,253}$/;

export function readListenSettings(env: Env): ListenSettings {
  const certFile = readRaw(env, 'KEYLEDGER_TLS_CERT');
  const keyFile = readRaw(env, 'KEYLEDGER_TLS_KEY');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    const missing = certFile === undefined ? 'KEYLEDGER_TLS_CERT' : 'KEYLEDGER_TLS_KEY';
    throw new ConfigError(`${missing} is not set: KEYLEDGER_TLS_CERT and KEYLEDGER_TLS_KEY go together`);
  }
  const tls = certFile && keyFile ? { certFile, keyFile } : null;
  if (tls) loadTlsMaterial(tls);
  const allowPlainHttp = readChoice(env, 'KEYLEDGER_ALLOW_PLAIN_HTTP', 'false', ['true', 'false']) === 'true';
  // Plain HTTP listens on loopback unless told otherwise; HTTPS on every interface.
  const host = readRaw(env, 'HOST') ?? (tls ? '0.0.0.0' : '127.0.0.1');
  if (!HOST_PATTERN.test(host)) throw new ConfigError('HOST is invalid: expected a host name or IP address');
  if (!tls && !allowPlainHttp && !isLoopbackHost(host)) {
    throw new ConfigError(
      'HOST is not a loopback address and no TLS is configured: set KEYLEDGER_TLS_CERT and KEYLEDGER_TLS_KEY, ' +
        'or KEYLEDGER_ALLOW_PLAIN_HTTP=true behind a TLS-terminating proxy',
    );
  }
  return { host, tls, allowPlainHttp };
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/**
 * Reads and checks the certificate and key: both PEM, the key the
 * certificate's. Used at start-up and on every reload (SIGHUP). Throws a
 * one-line ConfigError naming the variable, never a file's content.
 */
export function loadTlsMaterial(files: TlsFiles): TlsMaterial {
  const cert = readPem(files.certFile, 'KEYLEDGER_TLS_CERT');
  const key = readPem(files.keyFile, 'KEYLEDGER_TLS_KEY');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    throw new ConfigError(`KEYLEDGER_TLS_CERT is not a PEM certificate: ${files.certFile}`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError(`KEYLEDGER_TLS_KEY is not a PEM private key (unencrypted): ${files.keyFile}`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigError('KEYLEDGER_TLS_KEY does not belong to the certificate of KEYLEDGER_TLS_CERT');
  }
  return { cert, key };
}

function readPem(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${name} cannot be read (${code}): ${path}`);
  }
}
