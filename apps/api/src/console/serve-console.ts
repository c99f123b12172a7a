import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// The web console: the single-page app that `npm run build` writes to
// dist/web, served at /ui/ in a scope of its own so that its security headers
// (strict CSP, no framing, no referrer) apply to it and to nothing else: the
// API's JSON answers and Swagger at /docs keep theirs.

export const CONSOLE_PREFIX = '/ui';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Vite names every built asset after its content hash: a changed file is a new URL. */
const HASHED_ASSETS = `${CONSOLE_PREFIX}/assets/`;

/** dist/web beside the repository's package.json, whether this file runs from source or from dist/. */
export function defaultConsoleRoot(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    if (dirname(dir) === dir) return null;
  }
}

function setConsoleHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('content-security-policy', CONSOLE_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  const immutable = reply.statusCode === 200 && request.url.startsWith(HASHED_ASSETS);
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-store');
}

/**
 * Serves the console at /ui/ when it was built (`root` holds index.html);
 * deep links such as /ui/credentials/<id> get index.html, a missing hashed
 * asset a plain 404. Answers false when there is nothing to serve.
 */
export function serveConsole(app: NestFastifyApplication, root: string | null = defaultConsoleRoot()): boolean {
  if (!root || !existsSync(join(root, 'index.html'))) return false;
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.get(CONSOLE_PREFIX, (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`, 301));
  void fastify.register(
    async (scope) => {
      scope.addHook('onSend', async (request, reply, payload) => {
        setConsoleHeaders(request, reply);
        return payload;
      });
      await scope.register(fastifyStatic, { root, prefix: '/', index: false, cacheControl: false, etag: true, lastModified: false });
      const sendIndex = (_request: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').sendFile('index.html');
      scope.get('/', { prefixTrailingSlash: 'slash' }, sendIndex);
      scope.setNotFoundHandler((request, reply) => {
        if (request.url.startsWith(HASHED_ASSETS)) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
        return sendIndex(request, reply);
      });
    },
    { prefix: CONSOLE_PREFIX },
  );
  return true;
}
