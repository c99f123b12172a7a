import type { Command } from 'commander';
import { registerAdd } from './add.js';
import { registerRead } from './read.js';
import { registerSecret } from './secret.js';
import { registerWrite } from './write.js';

export function registerCredentials(program: Command): void {
  const credentials = program.command('credentials').alias('creds').description('add, list, rotate, reveal and test credentials');
  registerAdd(credentials);
  registerRead(credentials);
  registerWrite(credentials);
  registerSecret(credentials);
}
