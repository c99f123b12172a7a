// The one HTTP client of Keyledger's tools: global fetch, bearer token,
// timeouts, retries with backoff on 5xx and network errors, typed errors.
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, sleep, validateRetryPolicy, type RetryPolicy } from './retry.js';
import { apiError, describeNetworkFailure, isCertificateFailure, KeyledgerApiError, NetworkError, type ApiErrorBody } from './errors.js';
import { trustingFetch } from './trusting-fetch.js';

export interface TransportOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:8080`. */
  addr: string;
  token?: string;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Default 3 retries, 200 ms doubling up to 5 s; false: none. */
  retry?: Partial<RetryPolicy> | false;
  fetch?: typeof fetch;
  /** PEM certificate authorities to trust for an https:// address instead of the bundled ones (Node.js only; not with `fetch`). */
  ca?: string | string[];
  userAgent?: string;
  /** Told about each retry (attempt from 1), e.g. to say "reconnecting". */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  idempotencyKey?: string;
  ifMatch?: number;
  /** Safe to send again: by default GET/HEAD requests and requests with an idempotency key. */
  retry?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

type Reader<T> = (response: Response) => Promise<T>;

export class HttpTransport {
  readonly origin: string;
  private readonly base: string;
  private readonly policy: RetryPolicy;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: TransportOptions) {
    const url = new URL(options.addr);
    this.origin = url.origin;
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.policy = options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : validateRetryPolicy({ ...DEFAULT_RETRY, ...options.retry });
    if (options.ca !== undefined && options.fetch) throw new TypeError('give the transport either a ca or a fetch, not both');
    this.fetcher = options.fetch ?? (options.ca !== undefined ? trustingFetch(options.ca) : globalThis.fetch);
  }

  /** A JSON request; the body is the parsed JSON answer (undefined when empty). */
  request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.send(method, path, options, async (response) => {
      const text = await response.text();
      try {
        return (text === '' ? undefined : JSON.parse(text)) as T;
      } catch {
        throw new KeyledgerApiError(
          response.status,
          `${this.origin} answered ${method} ${path} with something other than JSON: is it a Keyledger API?`,
          undefined,
          undefined,
          { method, path },
        );
      }
    });
  }

  /** A request whose answer is text (the NDJSON event feed). */
  text(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<string>> {
    return this.send(method, path, options, (response) => response.text());
  }

  url(path: string, query: Query = {}): string {
    const url = new URL(`${this.base}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private async send<T>(method: string, path: string, options: RequestOptions, read: Reader<T>): Promise<ApiResponse<T>> {
    const retryable = options.retry ?? (method === 'GET' || method === 'HEAD' || options.idempotencyKey !== undefined);
    const retries = retryable ? this.policy.retries : 0;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(method, path, options, read);
      if (outcome.ok) return outcome.response;
      if (attempt >= retries || !outcome.retry) throw outcome.error;
      const delayMs = backoffDelay(attempt, this.policy, Math.random, outcome.retryAfterMs);
      this.options.onRetry?.({ attempt: attempt + 1, delayMs, reason: outcome.error.message });
      await sleep(delayMs, options.signal);
    }
  }

  private async attempt<T>(method: string, path: string, options: RequestOptions, read: Reader<T>): Promise<Outcome<T>> {
    const request = { method, path };
    let response: Response;
    try {
      response = await this.fetcher(this.url(path, options.query), this.init(method, options));
      if (response.ok) return { ok: true, response: { status: response.status, headers: response.headers, body: await read(response) } };
    } catch (cause) {
      if (options.signal?.aborted || cause instanceof KeyledgerApiError) throw cause;
      return {
        ok: false,
        retry: !isCertificateFailure(cause),
        error: new NetworkError(`cannot reach ${this.origin}: ${describeNetworkFailure(cause, this.timeoutMs)}`, request, { cause }),
      };
    }
    const body = await response.text().then(parseErrorBody, () => undefined);
    const error = apiError(response.status, body, request, response.headers.get('retry-after'));
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    return {
      ok: false,
      retry: isRetryableStatus(response.status),
      error,
      retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000,
    };
  }

  private init(method: string, options: RequestOptions): RequestInit {
    const headers: Record<string, string> = { accept: 'application/json, application/x-ndjson', ...options.headers };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    const hasBody = options.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    return { method, headers, body: hasBody ? JSON.stringify(options.body) : undefined, signal, redirect: 'error' };
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }
}

type Outcome<T> = { ok: true; response: ApiResponse<T> } | { ok: false; retry: boolean; error: Error; retryAfterMs?: number };

function parseErrorBody(text: string): ApiErrorBody | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}
