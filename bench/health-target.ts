// What the soak's health checks reach: a loopback HTTP endpoint that accepts
// the Basic credentials of the soak's http_basic credentials, so every check
// the worker runs does a real connect and request and records "ok".
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOST } from './settings.js';

export interface HealthTarget {
  url: string;
  /** Checks answered so far. */
  checks(): number;
  close(): Promise<void>;
}

export async function startHealthTarget(username: string, password: string): Promise<HealthTarget> {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  let checks = 0;
  const server: Server = createServer((req, res) => {
    checks += 1;
    res.writeHead(req.headers.authorization === expected ? 200 : 401, { 'content-type': 'text/plain' });
    res.end();
  });
  server.listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}/check`,
    checks: () => checks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
