// Public surface of #crypto: keyring, envelope encryption, masking.
export { DecryptionFailed, MasterKeyError } from './errors.js';
export { MASTER_KEY_BYTES, parseMasterKeys, type MasterKey, type MasterKeyEnv } from './master-keys.js';
export { derivePurposeKey, EnvKeyProvider, WRAP_FORMAT, type KeyProvider } from './key-provider.js';
export { DATA_KEY_BYTES, SEAL_FORMAT, dekIdOf, generateDataKey, openSecret, sealSecret, type SecretBinding } from './secrets.js';
export { MASKED, maskSecret } from './mask.js';
export { constantTimeEqual, keyedFingerprint } from './fingerprint.js';
export { generateToken, hashTokenSecret, parseToken, tokenSecretMatches, type IssuedToken } from './tokens.js';
export { BrokerCipherError, brokerDecrypt, deriveBrokerKey } from './broker-cipher.js';
export { FernetError, fernetDecrypt, parseFernetKey, type FernetFailure, type FernetKey } from './fernet.js';
export {
  EXPORT_HEADER,
  ExportFileError,
  openExport,
  parseExportKey,
  readExportParams,
  sealExport,
  type ExportParams,
  type ExportSecret,
} from './export-file.js';
