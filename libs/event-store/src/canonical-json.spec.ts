import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('sorts by code unit, including keys that look like array indices', () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, B: 4 })).toBe('{"10":2,"9":3,"B":4,"b":1}');
  });

  it('follows JSON.stringify for what JSON cannot hold', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(canonicalJson({ u: undefined, f: () => 1, at, list: [undefined, NaN] })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z","list":[null,null]}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('gives the same text for any reordering of the same keys (what a jsonb round trip does)', () => {
    const shuffle = (value: unknown, seed: number): unknown => {
      if (value === null || typeof value !== 'object') return value;
      if (Array.isArray(value)) return value.map((v) => shuffle(v, seed));
      const entries = Object.entries(value as Record<string, unknown>);
      const rotated = entries.slice(seed % (entries.length || 1)).concat(entries.slice(0, seed % (entries.length || 1)));
      return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, shuffle(v, seed)]));
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(canonicalJson(shuffle(value, seed))).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
