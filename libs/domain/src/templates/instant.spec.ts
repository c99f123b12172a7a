import { parseInstant } from './instant.js';

describe('parseInstant', () => {
  it.each([
    ['2027-01-31T00:00:00Z', '2027-01-31T00:00:00.000Z'],
    ['2027-01-31T00:00Z', '2027-01-31T00:00:00.000Z'],
    ['2027-01-31T23:59:59.123456789-05:30', '2027-02-01T05:29:59.123Z'],
    ['2028-02-29T12:00:00+00:00', '2028-02-29T12:00:00.000Z'],
    ['0099-05-01T00:00:00Z', '0099-05-01T00:00:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });

  it.each(['2027-02-29T00:00:00Z', '2027-04-31T00:00:00Z', '2027-01-31T24:00:00Z', '2027-01-31T00:00:00', '2027-01-31', '31/01/2027', ''])(
    'rejects %s',
    (input) => {
      expect(parseInstant(input)).toBeUndefined();
    },
  );
});
