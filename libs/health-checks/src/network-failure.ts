import { EgressRefused } from '#egress';
import { seconds, TestFailure } from './tester.js';

const BY_CODE: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) => `connection refused by ${where}`,
  ECONNRESET: (where) => `connection reset by ${where}`,
  EHOSTUNREACH: (where) => `host unreachable: ${where}`,
  ENETUNREACH: (where) => `network unreachable: ${where}`,
  ENOTFOUND: (where) => `host not found: ${where}`,
  EAI_AGAIN: (where) => `host name lookup failed for ${where}`,
  EPIPE: (where) => `connection closed by ${where}`,
  EPROTO: (where) => `TLS handshake with ${where} failed: it does not speak TLS there, or no version both sides accept`,
  ERR_SSL_WRONG_VERSION_NUMBER: (where) => `TLS handshake with ${where} failed: it does not speak TLS there`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (where) => `TLS certificate of ${where} is self-signed (turn TLS verification off only if you must)`,
  SELF_SIGNED_CERT_IN_CHAIN: (where) => `TLS certificate chain of ${where} is self-signed`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (where) => `TLS certificate of ${where} cannot be verified`,
  CERT_HAS_EXPIRED: (where) => `TLS certificate of ${where} has expired`,
  ERR_TLS_CERT_ALTNAME_INVALID: (where) => `TLS certificate does not match ${where}`,
};

/**
 * The operator's reading of a connection-level error (refused, unreachable,
 * timed out, bad certificate), or undefined for anything else. Node's own
 * messages name addresses only, never what was sent.
 */
export function networkFailure(error: unknown, where: string, timeoutMs: number): TestFailure | undefined {
  if (error instanceof EgressRefused) return new TestFailure(error.message);
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && BY_CODE[code]) return new TestFailure(BY_CODE[code](where));
  if (code === 'ETIMEDOUT' || code === 'ABORT_ERR' || (error as Error)?.name === 'TimeoutError') {
    return new TestFailure(`timed out after ${seconds(timeoutMs)} reaching ${where}`);
  }
  return undefined;
}
