import type { Reply } from './api.js';

/** `reply` is the documented answer to a lost backend: 503 UNAVAILABLE, retry after a second. */
export function expectUnavailable(reply: Reply): void {
  expect(reply.statusCode).toBe(503);
  expect(reply.json()).toEqual({
    statusCode: 503,
    error: 'Service Unavailable',
    message: expect.any(String),
    code: 'UNAVAILABLE',
    details: { retryAfterSeconds: 1 },
  });
  expect(reply.headers['retry-after']).toBe('1');
}
