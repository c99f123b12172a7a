// One HTTP POST of a delivery. The outcome's error is secret-free by
// construction: a status code, a network error code or an egress refusal
// naming the host, never the URL's path or query (they may carry a token of
// the receiver's) or the receiver's answer.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EgressRefused, type EgressPolicy } from '#egress';

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

const USER_AGENT = 'Keyledger-Webhooks/1';

/**
 * POSTs `body` to the address the egress policy checked for the URL's host;
 * 2xx is delivered, anything else (redirects included: they are not
 * followed, so no unchecked host is ever reached) is a failure.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  egress: EgressPolicy,
): Promise<SendOutcome> {
  try {
    const target = new URL(url);
    const pinned = await egress.pin(target.hostname);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const statusCode = await new Promise<number>((resolve, reject) => {
      const req = send(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers },
        lookup: pinned.lookup,
        signal: AbortSignal.timeout(timeoutMs),
      });
      req.once('error', reject);
      req.once('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.end(body);
    });
    const ok = statusCode >= 200 && statusCode < 300;
    return { ok, statusCode, error: ok ? null : `receiver answered ${statusCode}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: networkError(error, timeoutMs) };
  }
}

function networkError(error: unknown, timeoutMs: number): string {
  if (error instanceof EgressRefused) return error.message;
  const { name, code } = (error ?? {}) as { name?: string; code?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `network error ${code}` : 'network error';
}
