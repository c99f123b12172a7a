import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import { pinHost } from './egress.js';
import { networkFailure } from './network-failure.js';
import { endpointOf, seconds, TestFailure, text, type Tester } from './tester.js';

/** The OpenSSH fingerprint of a host key blob: `SHA256:` + unpadded base64 of its SHA-256. */
export function sshFingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

/**
 * ssh: connect and authenticate (password or private key, per
 * extra.auth_method), then disconnect. With extra.host_key_fingerprint set,
 * a server presenting another key is refused before any credential is sent.
 */
export const testSsh: Tester = async (target, options) => {
  const { timeoutMs } = options;
  const endpoint = endpointOf(target, 22);
  if (!endpoint) throw new TestFailure('no host to connect to');
  const where = `${endpoint.host}:${endpoint.port}`;
  const address = await pinHost(endpoint.host, where, options);
  const user = target.username ?? '';
  const pinned = text(target.extra.host_key_fingerprint).replace(/=+$/, '');
  const byPassword = text(target.extra.auth_method, 'private_key') === 'password';
  let presented: string | undefined;
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => {
      client.end();
      resolve();
    });
    client.once('error', (error: Error & { level?: string }) => {
      client.end();
      if (presented) return reject(new TestFailure(`host key of ${where} is ${presented}, not the pinned ${pinned}`));
      if (error.level === 'client-authentication') return reject(new TestFailure(`authentication failed for user "${user}" on ${where}`));
      if (/timed out/i.test(error.message)) return reject(new TestFailure(`timed out after ${seconds(timeoutMs)} reaching ${where}`));
      reject(networkFailure(error, where, timeoutMs) ?? new TestFailure(`${error.message} (${where})`));
    });
    const hostVerifier = (key: Buffer) => {
      const fingerprint = sshFingerprint(key);
      if (!pinned || fingerprint === pinned) return true;
      presented = fingerprint;
      return false;
    };
    try {
      client.connect({
        host: address.address,
        port: endpoint.port,
        username: user,
        ...(byPassword ? { password: target.secret } : { privateKey: target.secret }),
        readyTimeout: timeoutMs,
        tryKeyboard: false,
        hostVerifier,
      });
    } catch (error) {
      // ssh2 parses the private key synchronously; its message says what is wrong with it, not what it holds.
      reject(new TestFailure(`the private key cannot be used: ${(error as Error).message}`));
    }
  });
};
