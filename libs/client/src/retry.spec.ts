import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, validateRetryPolicy } from './retry.js';
import { retryAfterSeconds } from './errors.js';

const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

it('doubles the ceiling per attempt, capped, with full jitter', () => {
  expect([0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
  expect(backoffDelay(3, policy, () => 0)).toBe(0);
});

it("waits at least the server's Retry-After, never longer than maxDelayMs", () => {
  expect(backoffDelay(0, policy, () => 0, 500)).toBe(500);
  expect(backoffDelay(0, policy, () => 0, 60_000)).toBe(1000);
});

it('retries server and gateway failures, not client errors', () => {
  expect([500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
  expect([400, 401, 403, 404, 409, 429, 501].some(isRetryableStatus)).toBe(false);
});

it('reads Retry-After as seconds or as an HTTP date', () => {
  expect(retryAfterSeconds('7')).toBe(7);
  expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10);
  expect(retryAfterSeconds(null)).toBeUndefined();
  expect(retryAfterSeconds('soon')).toBeUndefined();
});

it('refuses a nonsensical policy', () => {
  expect(validateRetryPolicy(DEFAULT_RETRY)).toBe(DEFAULT_RETRY);
  expect(() => validateRetryPolicy({ retries: -1, baseDelayMs: 1, maxDelayMs: 2 })).toThrow(RangeError);
  expect(() => validateRetryPolicy({ retries: 1, baseDelayMs: 10, maxDelayMs: 2 })).toThrow(RangeError);
});
