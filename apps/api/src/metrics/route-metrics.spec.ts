import { outcomeOf } from './route-metrics.js';

describe('outcomeOf', () => {
  it.each([
    [200, 'success'],
    [201, 'success'],
    [202, 'success'],
    [400, 'invalid'],
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [412, 'precondition_failed'],
    [422, 'idempotency_mismatch'],
    [429, 'rate_limited'],
    [500, 'error'],
    [503, 'error'],
    [418, 'other'],
  ])('maps %i to %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});
