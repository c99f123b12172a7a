export { Vault } from './vault.js';
export { assertKeyringUnwrapsDatabase, assertKeyringUnwrapsStoredKeys } from './keyring-check.js';
export { countKeysPerKek, lockDataKeys, type StoredDataKey } from './data-keys.js';
export { rewrapDataKeys, type RewrapOutcome } from './rewrap.js';
