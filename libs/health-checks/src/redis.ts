import { isIP } from 'node:net';
import { Redis } from 'ioredis';
import { pinHost } from './egress.js';
import { networkFailure } from './network-failure.js';
import { endpointOf, seconds, TestFailure, type Tester } from './tester.js';

/** redis: connect (AUTH with the ACL user, if any, and the password; SELECT the db), then PING. */
export const testRedis: Tester = async (target, options) => {
  const { timeoutMs } = options;
  const endpoint = endpointOf(target, 6379);
  if (!endpoint) throw new TestFailure('no host to connect to');
  const where = `${endpoint.host}:${endpoint.port}`;
  const user = target.username ?? 'default';
  const pinned = await pinHost(endpoint.host, where, options);
  // Connected by the checked address; TLS still checks the certificate against the host's name.
  const servername = isIP(pinned.host) === 0 ? { servername: pinned.host } : {};
  const client = new Redis({
    host: pinned.address,
    port: endpoint.port,
    family: pinned.family,
    username: target.username ?? undefined,
    password: target.secret,
    db: typeof target.extra.db === 'number' ? target.extra.db : 0,
    tls: target.extra.tls === true ? servername : undefined,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // A refused AUTH closes the connection: connect() then only says so, the reason came as an 'error' event.
  let reported: Error | undefined;
  client.on('error', (error: Error) => (reported ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (thrown) {
    const error = reported ?? thrown;
    const message = (error as Error).message ?? '';
    if (/WRONGPASS|invalid password|invalid username-password/i.test(message)) {
      throw new TestFailure(`authentication failed for user "${user}" on ${where}`);
    }
    if (/NOAUTH/.test(message)) throw new TestFailure(`${where} requires a password`);
    if (/timed? ?out/i.test(message)) throw new TestFailure(`timed out after ${seconds(timeoutMs)} reaching ${where}`);
    throw networkFailure(error, where, timeoutMs) ?? new TestFailure(`${message} (${where})`);
  } finally {
    client.disconnect();
  }
};
