import { singleRow } from './rows.js';

it('returns the only row', () => {
  expect(singleRow([{ n: 3 }])).toEqual({ n: 3 });
});

it('throws on an empty result and on several rows', () => {
  expect(() => singleRow([])).toThrow('expected exactly one row, got 0');
  expect(() => singleRow([{ n: 1 }, { n: 2 }])).toThrow('expected exactly one row, got 2');
});
