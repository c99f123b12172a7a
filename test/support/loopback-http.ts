import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LoopbackHttp {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (request: SeenRequest, response: ServerResponse) => void | Promise<void>;

/** A plain HTTP server on 127.0.0.1 standing in for a provider's API; it records what it was sent. */
export async function startLoopbackHttp(handler: Handler): Promise<LoopbackHttp> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(request);
      void Promise.resolve(handler(request, res)).catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** 200 with a JSON body when `ok`, else 401. */
export function answer(res: ServerResponse, ok: boolean, body: unknown = { ok }): void {
  res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export const basicAuth = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
