// Failures that say nothing about the request: the database or Redis went away
// under it. They answer 503 with Retry-After (the client may send the same
// request again), not 500, which would claim a bug.

/** Seconds a client is asked to wait before retrying. */
export const RETRY_AFTER_SECONDS = 1;

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention:
// pg_terminate_backend, shutdown, crash recovery), and too many connections.
const SQLSTATE = /^(08\d{3}|57P0[1-4]|53300)$/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres and ioredis report a dropped connection by message only.
const MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'Connection is closed',
  'Reached the max retries per request limit',
  "Stream isn't writeable",
];
const NAMES = new Set(['ConnectionException', 'MaxRetriesPerRequestError']);

/** True if the error (or an error it wraps) is a lost or refused database or Redis connection. */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const { code, sqlState, name, message, cause, errors } = error as Record<string, unknown>;
  if (typeof code === 'string' && (SQLSTATE.test(code) || NODE_CODES.has(code))) return true;
  if (typeof sqlState === 'string' && SQLSTATE.test(sqlState)) return true;
  if (typeof name === 'string' && NAMES.has(name)) return true;
  if (typeof message === 'string' && MESSAGES.some((m) => message.includes(m))) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionFailure(e, depth + 1))) return true;
  return isConnectionFailure(cause, depth + 1);
}
