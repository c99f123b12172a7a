import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * GET /metrics with the Prometheus text of `registry`; anything else is a 404,
 * a method other than GET or HEAD a 405. Plain HTTP without auth: it exposes
 * process figures only (no id, name or value), and listens on loopback
 * unless the operator says otherwise.
 */
export async function listenForScrapes(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => void answer(registry, req, res));
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}

async function answer(registry: Registry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/metrics') return send(res, 404, 'not found\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
  try {
    send(res, 200, await registry.metrics(), { 'content-type': registry.contentType }, req.method === 'HEAD');
  } catch {
    send(res, 500, 'metrics could not be collected\n');
  }
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, headOnly = false): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(headOnly ? undefined : body);
}
