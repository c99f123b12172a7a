import type { KeyObject } from 'node:crypto';
import { SEAL_KEY_PURPOSE, sealKeyObject } from './seal-mac.js';

/** The part of #crypto's KeyProvider that seals need; an EnvKeyProvider is one. */
export interface SealKeyring {
  /** The KEK new seals are made under. */
  readonly activeKekId: string;
  kekIds(): string[];
  deriveKeyFor(kekId: string, purpose: string): Buffer;
}

/** The seal key derived from a KEK of the keyring. */
export function sealKeyOf(keys: SealKeyring, kekId: string): KeyObject {
  return sealKeyObject(keys.deriveKeyFor(kekId, SEAL_KEY_PURPOSE));
}

/** Seal keys by KEK id, derived once per KEK; null for a KEK that is not in the keyring. */
export function sealKeyLookup(keys: SealKeyring): (kekId: string) => KeyObject | null {
  const known = new Set(keys.kekIds());
  const cache = new Map<string, KeyObject>();
  return (kekId) => {
    if (!known.has(kekId)) return null;
    let key = cache.get(kekId);
    if (key === undefined) {
      key = sealKeyOf(keys, kekId);
      cache.set(kekId, key);
    }
    return key;
  };
}
