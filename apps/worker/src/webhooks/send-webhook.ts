// One HTTP POST of a delivery. The outcome's error is secret-free by
// construction: a status code or a network error code, never the URL (it may
// carry a token of the receiver's) or the receiver's answer.

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

const USER_AGENT = 'Keyledger-Webhooks/1';

/** POSTs `body`; 2xx is delivered, anything else (redirects included: they are not followed) is a failure. */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `receiver answered ${response.status}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: networkError(error, timeoutMs) };
  }
}

function networkError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `network error ${code}` : 'network error';
}
