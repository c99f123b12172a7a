import { connect } from 'node:net';
import { pinHost } from './egress.js';
import { networkFailure } from './network-failure.js';
import { endpointOf, TestFailure, type TestOptions, type Tester } from './tester.js';

/** Opens a TCP connection (to the address the egress policy checked) and closes it. */
export async function connectTcp(host: string, port: number, options: TestOptions): Promise<void> {
  const where = `${host}:${port}`;
  const { timeoutMs } = options;
  const pinned = await pinHost(host, where, options);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs, lookup: pinned.lookup });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      const timedOut = Object.assign(new Error(`timed out reaching ${where}`), { code: 'ETIMEDOUT' });
      reject(networkFailure(timedOut, where, timeoutMs) ?? timedOut);
    });
    socket.once('error', (error) => reject(networkFailure(error, where, timeoutMs) ?? error));
  });
}

/**
 * For every type without a check of its own (winrm, rdp, custom, ...): the
 * host accepts connections on the port. Says nothing about the secret.
 */
export const testTcp: Tester = async (target, options) => {
  const endpoint = endpointOf(target);
  if (!endpoint) throw new TestFailure('no host and port to connect to');
  await connectTcp(endpoint.host, endpoint.port, options);
};
