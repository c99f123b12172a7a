// fetch for an API whose certificate a CA of the caller's signed (a private
// CA, a test CA): global fetch trusts only Node's bundled roots, so this one
// sends the request through node:https with an Agent that trusts `ca`.
// node:https is reached through process.getBuiltinModule (Node 20.16+), so
// the package still imports nothing and loads where there is no Node.

/** The part of node:https used here (the package is typed without @types/node). */
interface NodeHttps {
  Agent: new (options: { ca: string | string[] }) => unknown;
  request(url: URL, options: Record<string, unknown>, onResponse: (response: IncomingResponse) => void): OutgoingRequest;
}

interface IncomingResponse {
  statusCode?: number;
  statusMessage?: string;
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface OutgoingRequest {
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(body?: string): unknown;
}

declare const process: { getBuiltinModule?: (id: string) => unknown } | undefined;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function nodeHttps(): NodeHttps {
  const https = typeof process === 'undefined' ? undefined : process.getBuiltinModule?.('node:https');
  if (!https) throw new TypeError('the ca option needs Node.js 20.16 or later (process.getBuiltinModule)');
  return https as NodeHttps;
}

/** A fetch that trusts the given PEM certificate authorities (instead of the bundled ones) for https:// URLs. */
export function trustingFetch(ca: string | string[]): typeof fetch {
  const https = nodeHttps();
  const agent = new https.Agent({ ca });
  return ((input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    if (url.protocol !== 'https:') return globalThis.fetch(input, init);
    const signal = init.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      // As global fetch does: an abort rejects with the signal's reason, any other failure is a TypeError whose cause says why.
      const fail = (error: Error) => reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const request = https.request(url, { method: init.method ?? 'GET', headers, agent, signal }, (response) => {
        const chunks: Uint8Array[] = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const body = NULL_BODY_STATUSES.has(status) || init.method === 'HEAD' ? null : concat(chunks);
          try {
            resolve(new Response(body, { status, statusText: response.statusMessage, headers: headersOf(response.headers) }));
          } catch (error) {
            fail(error as Error);
          }
        });
      });
      request.on('error', fail);
      request.end(typeof init.body === 'string' ? init.body : undefined);
    });
  }) as typeof fetch;
}

function headersOf(raw: IncomingResponse['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
