import type { KekStatusResponse } from './list-keys.dto.js';

export interface KeyringView {
  activeKekId: string;
  /** The keyring's master key ids, active first. */
  kekIds: readonly string[];
  /** Stored data keys per master key id. */
  dataKeys: ReadonlyMap<string, number>;
  /** Event seals per master key id. */
  sealedEvents: ReadonlyMap<string, number>;
}

/**
 * Every master key of the keyring (in its order) and every other one that
 * stored data keys or event seals still name (sorted): a key missing from
 * the keyring shows up, with what it is still needed for.
 */
export function keyringStatus(view: KeyringView): KekStatusResponse[] {
  const named = new Set([...view.dataKeys.keys(), ...view.sealedEvents.keys()]);
  const elsewhere = [...named].filter((id) => !view.kekIds.includes(id)).sort();
  return [...view.kekIds, ...elsewhere].map((kekId) => ({
    kekId,
    active: kekId === view.activeKekId,
    inKeyring: view.kekIds.includes(kekId),
    dataKeys: view.dataKeys.get(kekId) ?? 0,
    sealedEvents: view.sealedEvents.get(kekId) ?? 0,
  }));
}
