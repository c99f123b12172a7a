import type { FastifyReply } from 'fastify';
import { ValidationError } from '#domain';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard.js';

/**
 * A response carrying a generated secret that is shown this once (a bearer
 * token, a webhook's signing secret) and stored only hashed or sealed. A
 * replayed response would have to keep the secret, so Idempotency-Key is
 * refused (`recovery` tells the caller what to do after a failed request
 * instead), and no cache may keep the response.
 */
export function prepareShownOnceReply(request: AuthenticatedRequest, reply: FastifyReply, recovery: string): void {
  if (request.headers['idempotency-key'] !== undefined) {
    throw new ValidationError('Idempotency-Key is not accepted here', [{ field: 'Idempotency-Key', message: recovery }]);
  }
  void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}
