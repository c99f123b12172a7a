import { UUID, UUID_SOURCE } from './uuid.js';

describe('UUID', () => {
  it('accepts a whole UUID in either case', () => {
    expect(UUID.test('6f1c2a4e-0b9a-4c41-9e2d-1a2b3c4d5e6f')).toBe(true);
    expect(UUID.test('6F1C2A4E-0B9A-4C41-9E2D-1A2B3C4D5E6F')).toBe(true);
  });

  it('refuses anything else, and gives the same answer on every call', () => {
    for (const text of [
      '',
      'billing-db',
      '6f1c2a4e-0b9a-4c41-9e2d-1a2b3c4d5e6',
      ' 6f1c2a4e-0b9a-4c41-9e2d-1a2b3c4d5e6f',
      '6f1c2a4e0b9a4c419e2d1a2b3c4d5e6f',
    ]) {
      expect(UUID.test(text)).toBe(false);
    }
    expect([1, 2, 3].map(() => UUID.test('6f1c2a4e-0b9a-4c41-9e2d-1a2b3c4d5e6f'))).toEqual([true, true, true]);
  });

  it('builds larger patterns from its source', () => {
    expect('event 6f1c2a4e-0b9a-4c41-9e2d-1a2b3c4d5e6f broke'.replace(new RegExp(`event ${UUID_SOURCE}`, 'g'), 'an event')).toBe(
      'an event broke',
    );
  });
});
