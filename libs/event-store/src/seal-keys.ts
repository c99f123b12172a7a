import type { KeyObject } from 'node:crypto';
import { SEAL_KEY_PURPOSE, sealKeyObject } from './seal-mac.js';

/** The part of #crypto's KeyProvider that seals need; an EnvKeyProvider is one. */
export interface SealKeyring {
  /** The KEK new seals are made under. */
  readonly activeKekId: string;
  kekIds(): string[];
  deriveKeyFor(kekId: string, purpose: string): Buffer;
}

// Derived seal keys, per keyring and KEK id. A keyring already holds its keys
// for as long as it lives, and an entry goes with its keyring (a weak key),
// so the cache keeps no key longer than that and holds at most one entry per
// KEK of a live keyring. It spares each sealed batch an HKDF and a key import.
const derived = new WeakMap<SealKeyring, Map<string, KeyObject>>();

/** The seal key derived from a KEK of the keyring, derived once per keyring and KEK. */
export function sealKeyOf(keys: SealKeyring, kekId: string): KeyObject {
  let byKek = derived.get(keys);
  if (byKek === undefined) {
    byKek = new Map();
    derived.set(keys, byKek);
  }
  let key = byKek.get(kekId);
  if (key === undefined) {
    key = sealKeyObject(keys.deriveKeyFor(kekId, SEAL_KEY_PURPOSE));
    byKek.set(kekId, key);
  }
  return key;
}

/** Seal keys by KEK id; null for a KEK that is not in the keyring. */
export function sealKeyLookup(keys: SealKeyring): (kekId: string) => KeyObject | null {
  const known = new Set(keys.kekIds());
  return (kekId) => (known.has(kekId) ? sealKeyOf(keys, kekId) : null);
}
