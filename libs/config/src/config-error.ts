/**
 * A configuration variable is malformed; start-up must stop. The message is
 * one line naming the variable and never echoes its value (URLs carry
 * passwords, tokens are secrets).
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
