import { sealKeyObject, sealMac, type SealedFields } from './seal-mac.js';
import { checkSeal, type SealLink } from './verify-seal-checks.js';

const key = sealKeyObject(Buffer.alloc(32, 5));

function fields(seq: number, overrides: Partial<SealedFields> = {}): SealedFields {
  return {
    sealSeq: seq,
    kekId: 'k1',
    globalPosition: 100 + seq,
    transactionId: String(900 + seq),
    eventId: `e-${seq}`,
    streamId: 's',
    streamType: 't',
    streamVersion: seq,
    tenant: 'acme',
    type: 'A',
    recordedAtMicros: '1000',
    hash: String(seq).padStart(64, '0'),
    prevHash: null,
    ...overrides,
  };
}

/** A chain of honest seals 1..n. */
function chain(n: number): SealLink[] {
  const links: SealLink[] = [];
  let prevMac: Buffer | null = null;
  for (let seq = 1; seq <= n; seq += 1) {
    const f = fields(seq);
    const mac = sealMac(key, prevMac, f);
    links.push({
      seq,
      position: f.globalPosition,
      transactionId: f.transactionId,
      eventHash: Buffer.from(f.hash, 'hex'),
      kekId: 'k1',
      mac,
      event: f,
    });
    prevMac = mac;
  }
  return links;
}

const head = (link: SealLink) => ({ seq: link.seq, mac: link.mac });

describe('checkSeal', () => {
  const [s1, s2, s3] = chain(3) as [SealLink, SealLink, SealLink];

  it('accepts an honest chain', () => {
    expect(checkSeal(null, s1, key)).toBeNull();
    expect(checkSeal(head(s1), s2, key)).toBeNull();
    expect(checkSeal(head(s2), s3, key)).toBeNull();
  });

  it('names a gap in the chain at the seal after it', () => {
    expect(checkSeal(head(s1), s3, key)).toMatch(/seal 3 \(position 103\) follows seal 1/);
    expect(checkSeal(null, s2, key)).toMatch(/follows seal 0/);
  });

  it('names a sealed event that is gone', () => {
    expect(checkSeal(head(s1), { ...s2, event: null }, key)).toMatch(/sealed at position 102 is gone/);
  });

  it('names an event whose hash or transaction id differs from what was sealed', () => {
    expect(checkSeal(head(s1), { ...s2, event: { ...s2.event!, hash: 'ff'.repeat(32) } }, key)).toMatch(/not the one sealed there/);
    expect(checkSeal(head(s1), { ...s2, event: { ...s2.event!, transactionId: '1' } }, key)).toMatch(/not the one sealed there/);
  });

  it('names a seal whose MAC does not cover the stored fields', () => {
    expect(checkSeal(head(s1), { ...s2, event: { ...s2.event!, tenant: 'other' } }, key)).toMatch(/seal of position 102 does not match/);
    expect(checkSeal(head(s1), s2, sealKeyObject(Buffer.alloc(32, 6)))).toMatch(/does not match/);
    expect(checkSeal({ seq: 1, mac: Buffer.alloc(32) }, s2, key)).toMatch(/does not match/);
  });

  it('checks the structure but not the MAC when the key is missing', () => {
    expect(checkSeal(head(s1), { ...s2, mac: Buffer.alloc(32) }, null)).toBeNull();
    expect(checkSeal(head(s1), { ...s2, event: null }, null)).toMatch(/is gone/);
  });
});
