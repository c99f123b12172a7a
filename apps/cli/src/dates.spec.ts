import { EXPIRY, parseDate, SINCE, UNTIL } from './dates.js';

const now = Date.parse('2026-12-03T12:00:00.000Z');

it('reads a day as midnight UTC at its start, or its last millisecond for an upper bound', () => {
  expect(parseDate('2027-01-31', EXPIRY, now)).toBe('2027-01-31T00:00:00.000Z');
  expect(parseDate('2027-01-31', SINCE, now)).toBe('2027-01-31T00:00:00.000Z');
  expect(parseDate('2027-01-31', UNTIL, now)).toBe('2027-01-31T23:59:59.999Z');
});

it('counts a duration ahead for an expiry and back for a filter on the past', () => {
  expect(parseDate('30d', EXPIRY, now)).toBe('2027-01-02T12:00:00.000Z');
  expect(parseDate('12h', EXPIRY, now)).toBe('2026-12-04T00:00:00.000Z');
  expect(parseDate('90m', SINCE, now)).toBe('2026-12-03T10:30:00.000Z');
  expect(parseDate('2w', UNTIL, now)).toBe('2026-11-19T12:00:00.000Z');
});

it('takes full ISO instants with a zone, as UTC', () => {
  expect(parseDate('2027-01-31T12:30:00Z', EXPIRY, now)).toBe('2027-01-31T12:30:00.000Z');
  expect(parseDate('2027-01-31T12:30:00.250+02:00', UNTIL, now)).toBe('2027-01-31T10:30:00.250Z');
  expect(parseDate('2027-01-31T12:30Z', SINCE, now)).toBe('2027-01-31T12:30:00.000Z');
});

it('refuses anything else: no zone, impossible days, units it does not know, words', () => {
  for (const text of [
    '2027-01-31T12:00:00',
    '2027-02-30',
    '2027-13-01',
    '2027-01-31T24:00:00Z',
    '30',
    '30y',
    '-5d',
    'tomorrow',
    '31/01/2027',
    '',
  ]) {
    expect(parseDate(text, EXPIRY, now)).toBeNull();
  }
});
