// Every connection a tester opens goes to an address the egress policy
// checked (see #egress): the host is resolved once here, and the client
// library connects to the pinned address, by a lookup that answers only
// with it or by the address itself.
import { Socket } from 'node:net';
import type { PinnedHost } from '#egress';
import { networkFailure } from './network-failure.js';
import type { TestOptions } from './tester.js';

/** The host checked and pinned, or a TestFailure (`egress refused: ...`, `host not found: ...`). */
export async function pinHost(host: string, where: string, options: TestOptions): Promise<PinnedHost> {
  try {
    return await options.egress.pin(host);
  } catch (error) {
    throw networkFailure(error, where, options.timeoutMs) ?? error;
  }
}

/**
 * An unconnected socket whose connect(port, host) resolves through the
 * pinned lookup: for clients (node-postgres) that take a socket to connect
 * themselves, but no lookup option.
 */
export function pinnedSocket(pinned: PinnedHost): Socket {
  const socket = new Socket();
  const connect = socket.connect.bind(socket) as (options: { port: number; host: string; lookup: PinnedHost['lookup'] }) => Socket;
  socket.connect = ((port: number, host: string) => connect({ port, host, lookup: pinned.lookup })) as Socket['connect'];
  return socket;
}
