import { backoffMs } from './projection-runner.js';

describe('backoffMs', () => {
  it('doubles from the interval after each failure in a row, up to 30 s', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(500, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(500, 7)).toBe(30_000);
    expect(backoffMs(500, 60)).toBe(30_000);
  });
});
