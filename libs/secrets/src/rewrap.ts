import type { EntityManager } from '@mikro-orm/postgresql';
import { DecryptionFailed, type KeyProvider } from '#crypto';
import { lockDataKeys, updateWrappedKeys } from './data-keys.js';

export interface RewrapOutcome {
  /** Rewrapped now, already under the target master key, or deleted meanwhile (shredded): nothing left to do. */
  done: string[];
  /** Could not be unwrapped: left as they are. */
  failed: string[];
}

/**
 * Wraps these data keys again under the active master key, in `tx`: their
 * rows are locked first, so a concurrent destroy either finds them rewrapped
 * or has already deleted them. A key already under the target is left alone,
 * so a key is never wrapped twice. Plaintext keys are zeroed after use.
 */
export async function rewrapDataKeys(tx: EntityManager, keys: KeyProvider, dekIds: string[]): Promise<RewrapOutcome> {
  const target = keys.activeKekId;
  const rows = new Map((await lockDataKeys(tx, dekIds)).map((row) => [row.dekId, row]));
  const outcome: RewrapOutcome = { done: [], failed: [] };
  const rewrapped: { dekId: string; wrapped: string }[] = [];
  for (const dekId of dekIds) {
    const row = rows.get(dekId);
    if (row === undefined || row.kekId === target) {
      outcome.done.push(dekId);
      continue;
    }
    const wrapped = await rewrapOne(keys, row.wrapped, dekId);
    if (wrapped === null) outcome.failed.push(dekId);
    else {
      rewrapped.push({ dekId, wrapped });
      outcome.done.push(dekId);
    }
  }
  await updateWrappedKeys(tx, target, rewrapped);
  return outcome;
}

async function rewrapOne(keys: KeyProvider, wrapped: string, dekId: string): Promise<string | null> {
  let dek: Buffer;
  try {
    dek = await keys.unwrapKey(wrapped, dekId);
  } catch (error) {
    if (error instanceof DecryptionFailed) return null;
    throw error;
  }
  try {
    return await keys.wrapKey(dek, dekId);
  } finally {
    dek.fill(0);
  }
}
