// Public surface of #infrastructure: the process-wide resources the API and
// the worker both build from the validated config, under the same DI tokens.
export { CONFIG, KEY_PROVIDER, ORM, REDIS } from './tokens.js';
export { CORE_EXPORTS, coreProviders, closeCore } from './core-providers.js';
