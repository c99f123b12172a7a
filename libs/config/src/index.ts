// Public surface of #config: the one validated configuration object.
export { ConfigError } from './config-error.js';
export {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  LOG_FORMATS,
  LOG_LEVELS,
  loadConfig,
  type KeyledgerConfig,
  type LogFormat,
  type LogLevel,
} from './load-config.js';
export { LOCAL_ENV_FILE, startEnvironment, type LocalDevelopment, type StartEnvironment } from './local-development.js';
export { loadCliSettings, type CliSettings } from './cli-settings.js';
export { isLoopbackHost, loadTlsMaterial, type TlsFiles, type TlsMaterial } from './tls-settings.js';
export {
  parseDuration,
  parseThresholds,
  thresholdLabel,
  type ExpirySettings,
  type ExpiryThreshold,
  type WebhookSettings,
} from './notify-settings.js';
