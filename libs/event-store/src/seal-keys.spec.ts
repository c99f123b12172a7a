import { createHmac, randomBytes } from 'node:crypto';
import { SEAL_KEY_PURPOSE } from './seal-mac.js';
import { sealKeyLookup, sealKeyOf, type SealKeyring } from './seal-keys.js';

/** A keyring that derives with HMAC and counts its derivations. */
function countingKeyring(ids: string[]): SealKeyring & { derivations: number } {
  const secrets = new Map(ids.map((id) => [id, randomBytes(32)]));
  return {
    activeKekId: ids[0]!,
    derivations: 0,
    kekIds: () => [...secrets.keys()],
    deriveKeyFor(id, purpose) {
      const secret = secrets.get(id);
      if (secret === undefined) throw new RangeError('no such key');
      this.derivations += 1;
      return createHmac('sha256', secret).update(purpose).digest();
    },
  };
}

const mac = (key: ReturnType<typeof sealKeyOf>) => createHmac('sha256', key).update('x').digest('hex');

describe('seal keys', () => {
  it('derives a keyring seal key once per KEK and hands out the same KeyObject afterwards', () => {
    const keys = countingKeyring(['k1', 'k2']);
    const first = sealKeyOf(keys, 'k1');
    expect(sealKeyOf(keys, 'k1')).toBe(first);
    expect(sealKeyLookup(keys)('k1')).toBe(first);
    expect(keys.derivations).toBe(1);
    expect(mac(sealKeyOf(keys, 'k2'))).not.toBe(mac(first));
    expect(keys.derivations).toBe(2);
  });

  it('keeps the keys of one keyring apart from another keyring using the same KEK ids', () => {
    const one = countingKeyring(['k1']);
    const other = countingKeyring(['k1']);
    expect(mac(sealKeyOf(one, 'k1'))).not.toBe(mac(sealKeyOf(other, 'k1')));
  });

  it('derives with the seal purpose, and answers null for a KEK outside the keyring', () => {
    const keys = countingKeyring(['k1']);
    const expected = createHmac('sha256', keys.deriveKeyFor('k1', SEAL_KEY_PURPOSE)).update('x').digest('hex');
    expect(mac(sealKeyOf(keys, 'k1'))).toBe(expected);
    expect(sealKeyLookup(keys)('k9')).toBeNull();
    expect(() => sealKeyOf(keys, 'k9')).toThrow(RangeError);
  });
});
