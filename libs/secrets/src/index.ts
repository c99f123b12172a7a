export { Vault } from './vault.js';
export { assertKeyringUnwrapsDatabase, assertKeyringUnwrapsStoredKeys } from './keyring-check.js';
export { countKeysPerKek, type StoredDataKey } from './data-keys.js';
