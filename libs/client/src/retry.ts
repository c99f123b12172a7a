// When and how long to wait before trying a request again.

export interface RetryPolicy {
  /** Attempts after the first one; 0 turns retries off. */
  retries: number;
  /** The first backoff ceiling; doubles on every further attempt. */
  baseDelayMs: number;
  /** No wait is longer than this, whatever Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 200, maxDelayMs: 5000 };

/** Statuses worth a second try: the server failed, or a proxy in front of it did. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status !== 501 && status !== 505;
}

/**
 * "Full jitter" exponential backoff: a random wait between 0 and
 * min(max, base * 2^attempt), so many clients that failed together do not
 * come back together. A server's Retry-After wins when it is longer.
 * `attempt` counts retries from 0.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.floor(random() * ceiling);
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const ok = Number.isInteger(policy.retries) && policy.retries >= 0 && policy.baseDelayMs >= 0 && policy.maxDelayMs >= policy.baseDelayMs;
  if (!ok) throw new RangeError('retry: retries must be a whole number >= 0 and 0 <= baseDelayMs <= maxDelayMs');
  return policy;
}

/** Waits `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
