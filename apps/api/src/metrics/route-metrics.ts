// Which routes are secret reads and which are credential writes, for the
// per-outcome counters. Keys are Fastify route patterns.

export type ReadChannel = 'reveal' | 'lookup';

export const READ_ROUTES: Readonly<Record<string, ReadChannel>> = {
  'POST /v1/credentials/:id/reveal': 'reveal',
  'POST /v1/credentials/lookup': 'lookup',
};

export const WRITE_ROUTES: Readonly<Record<string, string>> = {
  'POST /v1/credentials': 'create',
  'PATCH /v1/credentials/:id': 'update',
  'PUT /v1/credentials/:id': 'update',
  'POST /v1/credentials/:id/rotate': 'rotate',
  'DELETE /v1/credentials/:id': 'deactivate',
  'POST /v1/credentials/:id/restore': 'restore',
  'POST /v1/credentials/:id/destroy': 'destroy',
  'POST /v1/credentials/:id/grants': 'grant',
  'DELETE /v1/credentials/:id/grants/:grantId': 'revoke_grant',
  'POST /v1/credentials/:id/test': 'test',
};

/** A response status as an outcome label. */
export function outcomeOf(status: number): string {
  if (status < 300) return 'success';
  const named: Record<number, string> = {
    400: 'invalid',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    412: 'precondition_failed',
    422: 'idempotency_mismatch',
    429: 'rate_limited',
  };
  return named[status] ?? (status >= 500 ? 'error' : 'other');
}
