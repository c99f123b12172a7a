export { loggerOptions, REDACTED_PATHS } from './logger-options.js';
export { exitWithOneLine } from './fatal.js';
