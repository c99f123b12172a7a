import { jobIdOf } from './job-route.js';

describe('jobIdOf', () => {
  it('joins the parts with dots, the same parts always giving the same id', () => {
    expect(jobIdOf('test', 'c1', 'r1')).toBe('test.c1.r1');
    expect(jobIdOf('health', 'c1', 1700000000000)).toBe(jobIdOf('health', 'c1', 1700000000000));
  });

  it("refuses ':' (BullMQ reserves it) and empty parts", () => {
    expect(() => jobIdOf('test', 'a:b')).toThrow(/free of ':'/);
    expect(() => jobIdOf('test', '')).toThrow(/non-empty/);
  });
});
