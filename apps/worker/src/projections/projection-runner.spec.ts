import { backoffMs, heldBackRetryMs } from './projection-runner.js';

describe('backoffMs', () => {
  it('doubles from the interval after each failure in a row, up to 30 s', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(500, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(500, 7)).toBe(30_000);
    expect(backoffMs(500, 60)).toBe(30_000);
  });
});

describe('heldBackRetryMs', () => {
  it('looks again for held-back events after the debounce, doubling, never later than the interval', () => {
    const timing = { intervalMs: 500, debounceMs: 10 };
    expect([1, 2, 3, 4, 5, 6].map((n) => heldBackRetryMs(timing, n))).toEqual([10, 20, 40, 80, 160, 320]);
    expect(heldBackRetryMs(timing, 7)).toBe(500);
    expect(heldBackRetryMs(timing, 40)).toBe(500);
  });
});
