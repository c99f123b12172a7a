import { positionsOnly } from './positions-only.js';

describe('positionsOnly', () => {
  it('drops stream and event ids from a verify reason and keeps positions', () => {
    expect(positionsOnly('stream credential-6f1c2a7e-3b9d-4e51-8a0f-2d4c6b8e1f30: version 3 where 2 was expected')).toBe(
      'its stream: version 3 where 2 was expected',
    );
    expect(positionsOnly('stream credential-x has a stream row but no events')).toBe('its stream has a stream row but no events');
    expect(positionsOnly('unversioned event 5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11 carries a previous hash')).toBe(
      'unversioned an event carries a previous hash',
    );
    expect(positionsOnly('hash mismatch at position 7: the event was altered or moved')).toBe(
      'hash mismatch at position 7: the event was altered or moved',
    );
  });
});
