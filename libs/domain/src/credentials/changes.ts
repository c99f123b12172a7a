import { jsonEqual } from '../shared/json.js';
import type { CredentialMetadata, MetadataChanges } from './types.js';

const METADATA_KEYS: readonly (keyof CredentialMetadata)[] = [
  'name',
  'username',
  'host',
  'purpose',
  'extra',
  'labels',
  'description',
  'expiresAt',
];

/**
 * The subset of `changes` that differs from `current`. Keys that are not
 * metadata fields and `undefined` values are dropped; `extra` and `labels`
 * compare structurally (`extra` key order is irrelevant, label order is not).
 */
export function changedFields(current: CredentialMetadata, changes: MetadataChanges): MetadataChanges {
  const result: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) {
    if (!Object.hasOwn(changes, key)) continue;
    const next = changes[key];
    if (next === undefined || jsonEqual(current[key], next)) continue;
    result[key] = next;
  }
  return result;
}

/** `current` with `changes` applied; `undefined` in `changes` leaves a field as it is. */
export function applyChanges(current: CredentialMetadata, changes: MetadataChanges): CredentialMetadata {
  const next: CredentialMetadata = { ...current };
  for (const key of METADATA_KEYS) {
    if (changes[key] !== undefined) Object.assign(next, { [key]: changes[key] });
  }
  return next;
}
