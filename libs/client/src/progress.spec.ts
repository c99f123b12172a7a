import { etaSeconds, formatCount, formatDuration, formatRate, keyRotationCount, RateMeter } from './progress.js';

it('measures the rate over the window', () => {
  const meter = new RateMeter(10_000);
  expect(meter.perSecond()).toBeNull();
  meter.add(0, 0);
  meter.add(1000, 50);
  expect(meter.perSecond()).toBe(50);
  meter.add(2000, 150);
  expect(meter.perSecond()).toBe(75);
});

it('lets an old pause (a reconnect) fall out of the window', () => {
  const meter = new RateMeter(10_000);
  meter.add(0, 0);
  meter.add(60_000, 0);
  for (let t = 61_000; t <= 80_000; t += 1000) meter.add(t, (t - 60_000) / 10);
  expect(meter.perSecond()).toBeCloseTo(100, 5);
});

it('starts over when the count goes backwards', () => {
  const meter = new RateMeter();
  meter.add(0, 500);
  meter.add(1000, 10);
  expect(meter.perSecond()).toBeNull();
  meter.add(2000, 30);
  expect(meter.perSecond()).toBe(20);
});

it('computes the ETA, zero when done, unknown without a rate or a total', () => {
  expect(etaSeconds(100, 500, 40)).toBe(10);
  expect(etaSeconds(500, 500, null)).toBe(0);
  expect(etaSeconds(10, 500, null)).toBeNull();
  expect(etaSeconds(10, 500, 0)).toBeNull();
  expect(etaSeconds(10, null, 5)).toBeNull();
});

it('formats durations, rates and counts', () => {
  expect([formatDuration(42), formatDuration(185), formatDuration(3720), formatDuration(null)]).toEqual(['42s', '3m05s', '1h02m', '?']);
  expect([formatRate(null), formatRate(12.345), formatRate(1234.5)]).toEqual(['?/s', '12.3/s', '1235/s']);
  expect([formatCount(120, 500), formatCount(0, 0), formatCount(7, null)]).toEqual(['120/500 (24%)', '0/0 (100%)', '7']);
});

it('counts a rotation: failed keys are dealt with too; no total until a worker has planned it', () => {
  expect(keyRotationCount({ status: 'pending', total: 0, done: 0, failed: 0 })).toEqual({ done: 0, total: null });
  expect(keyRotationCount({ status: 'running', total: 60, done: 40, failed: 2 })).toEqual({ done: 42, total: 60 });
  expect(keyRotationCount({ status: 'failed', total: 60, done: 59, failed: 1 })).toEqual({ done: 60, total: 60 });
});
