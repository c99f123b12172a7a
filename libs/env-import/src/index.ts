// Public surface of #env-import: the .env import the CLI and the console share.
export { DotenvError, parseDotenv } from './dotenv.js';
export { planEnvImport, type EnvImportOptions } from './env-mapping.js';
export { defined } from './env-pool.js';
export { type CredentialBody, type ImportEntry, type ImportPlan, type Skipped } from './entry.js';
export { idempotencyKey } from './idempotency-key.js';
export { credentialNamed, importEntry, type EntryResult, type ImportEntryOptions } from './import-entry.js';
