import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** The local port clients connect to; the same across pause/resume. */
  port: number;
  url: string;
  /** Cuts every connection and refuses new ones: the target looks down. */
  pause(): Promise<void>;
  /** Accepts connections again on the same port. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of a shared server (Redis), so a test can make it
 * unreachable for its own clients without stopping it for anyone else.
 */
export async function startTcpProxy(targetPort: number, scheme = 'redis'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((client) => relay(client, targetPort, sockets));
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server?.listening) return resolve();
      server.close(() => resolve());
    });
  const port = await listen(0);
  return {
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    pause: stop,
    resume: async () => void (await listen(port)),
    close: stop,
  };
}

function relay(client: Socket, targetPort: number, sockets: Set<Socket>): void {
  const upstream = connect(targetPort, '127.0.0.1');
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      client.destroy();
      upstream.destroy();
    });
  }
  client.pipe(upstream);
  upstream.pipe(client);
}
