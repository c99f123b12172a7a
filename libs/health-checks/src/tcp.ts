import { connect } from 'node:net';
import { networkFailure } from './network-failure.js';
import { endpointOf, TestFailure, type Tester } from './tester.js';

/** Opens a TCP connection and closes it. */
export function connectTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
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
export const testTcp: Tester = async (target, { timeoutMs }) => {
  const endpoint = endpointOf(target);
  if (!endpoint) throw new TestFailure('no host and port to connect to');
  await connectTcp(endpoint.host, endpoint.port, timeoutMs);
};
