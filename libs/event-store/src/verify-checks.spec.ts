import { eventHash } from './hash.js';
import { checkEventHash, checkHead, checkLink, earlier, type ChainLink } from './verify-checks.js';
import type { RecordedEvent } from './types.js';

const h = (n: number) => Buffer.alloc(32, n);

function link(version: number, prevHash: Buffer | null, hash: Buffer, head: Partial<ChainLink> = {}): ChainLink {
  return { transactionId: 10n, position: 100 + version, streamId: 's', version, prevHash, hash, headVersion: 2, headHash: h(2), ...head };
}

function recorded(overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  const e: RecordedEvent = {
    globalPosition: 7,
    transactionId: '9',
    eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11',
    streamId: 's',
    streamType: 't',
    streamVersion: 1,
    tenant: 'acme',
    type: 'A',
    data: { a: 1 },
    metadata: {},
    recordedAt: new Date(),
    hash: '',
    prevHash: null,
    ...overrides,
  };
  const prev = e.prevHash === null ? null : Buffer.from(e.prevHash, 'hex');
  return { ...e, hash: overrides.hash ?? eventHash(prev, e).toString('hex') };
}

describe('checkEventHash', () => {
  it('accepts an untouched event and names an altered one', () => {
    const e = recorded();
    expect(checkEventHash(e)).toBeNull();
    expect(checkEventHash({ ...e, data: { a: 2 } })).toMatch(/hash mismatch at position 7/);
    expect(checkEventHash({ ...e, globalPosition: 8 })).toMatch(/hash mismatch/);
  });

  it('refuses an unversioned record that claims a chain link', () => {
    const e = recorded({ streamVersion: null, prevHash: h(1).toString('hex') });
    expect(checkEventHash(e)).toMatch(/unversioned event .* carries a previous hash/);
  });
});

describe('checkLink', () => {
  it('accepts version 1 without a previous hash and n+1 chained to n', () => {
    expect(checkLink(null, link(1, null, h(1)))).toBeNull();
    expect(checkLink(link(1, null, h(1)), link(2, h(1), h(2)))).toBeNull();
  });

  it('names a gap, a stream not starting at 1 and a broken chain', () => {
    expect(checkLink(link(1, null, h(1)), link(3, h(1), h(3)))).toMatch(/version 3 where 2 was expected/);
    expect(checkLink(null, link(2, h(1), h(2)))).toMatch(/version 2 where 1 was expected/);
    expect(checkLink(link(1, null, h(1)), link(2, h(9), h(2)))).toMatch(/does not chain to version 1/);
    expect(checkLink(null, link(1, h(9), h(1)))).toMatch(/does not chain/);
  });
});

describe('checkHead', () => {
  it('wants the stream row to name the last event', () => {
    expect(checkHead(link(2, h(1), h(2)))).toBeNull();
    expect(checkHead(link(2, h(1), h(2), { headVersion: 3 }))).toMatch(/stream row says version 3, the log ends at version 2/);
    expect(checkHead(link(2, h(1), h(2), { headHash: h(5) }))).toMatch(/stream row says version 2/);
    expect(checkHead(link(2, h(1), h(2), { headVersion: null, headHash: null }))).toMatch(/no stream row/);
  });
});

describe('earlier', () => {
  it('orders findings by transaction id, then position; positionless last', () => {
    const a = { transactionId: 5n, position: 90, reason: 'a' };
    const b = { transactionId: 6n, position: 10, reason: 'b' };
    const c = { transactionId: 5n, position: 80, reason: 'c' };
    const none = { transactionId: 0n, reason: 'none' };
    expect(earlier(a, b)).toBe(a);
    expect(earlier(a, c)).toBe(c);
    expect(earlier(none, b)).toBe(b);
    expect(earlier(undefined, none)).toBe(none);
    expect(earlier(undefined, undefined)).toBeUndefined();
  });
});
