import type { KekStatusResponse } from './list-keys.dto.js';

export interface KeyringView {
  activeKekId: string;
  /** The keyring's master key ids, active first. */
  kekIds: readonly string[];
  /** Stored data keys per master key id (the event log's seal key among them). */
  dataKeys: ReadonlyMap<string, number>;
}

/**
 * Every master key of the keyring (in its order) and every other one that
 * stored data keys still name (sorted): a key missing from the keyring shows
 * up, with how many data keys still need it.
 */
export function keyringStatus(view: KeyringView): KekStatusResponse[] {
  const elsewhere = [...view.dataKeys.keys()].filter((id) => !view.kekIds.includes(id)).sort();
  return [...view.kekIds, ...elsewhere].map((kekId) => ({
    kekId,
    active: kekId === view.activeKekId,
    inKeyring: view.kekIds.includes(kekId),
    dataKeys: view.dataKeys.get(kekId) ?? 0,
  }));
}
