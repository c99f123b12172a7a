// The `keyledger` command tree.
import { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerEvents } from './commands/events.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './import/index.js';
import { registerKeys } from './commands/keys.js';
import { registerLogin } from './commands/login.js';
import { registerTemplates } from './commands/templates.js';
import { registerTokens } from './commands/tokens.js';
import { registerGrants } from './commands/grants.js';
import { registerPrincipals, registerWhoami } from './commands/principals.js';
import { registerCredentials } from './credentials/index.js';

export const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('keyledger')
    .description('Keyledger credential vault, from the terminal. Talks to KEYLEDGER_ADDR with KEYLEDGER_TOKEN (or keyledger login).')
    .version(VERSION)
    .option('--addr <url>', 'API address (default: KEYLEDGER_ADDR, the login file, http://127.0.0.1:8080)')
    .option('--cacert <file>', 'PEM file of the CA that signed the API certificate (default: KEYLEDGER_CACERT, else the bundled CAs)')
    .option('--json', 'machine-readable output (and errors as JSON on stderr)')
    .showHelpAfterError('(keyledger --help for usage)')
    .exitOverride();
  registerLogin(program);
  registerCredentials(program);
  registerTemplates(program);
  registerWhoami(program);
  registerPrincipals(program);
  registerTokens(program);
  registerGrants(program);
  registerKeys(program);
  registerAudit(program);
  registerEvents(program);
  registerImport(program);
  registerExport(program);
  program.addHelpText('after', EXIT_CODES);
  return program;
}

const EXIT_CODES = `
Exit codes: 0 ok, 1 error, 2 usage (bad arguments or input), 3 not found, 4 conflict (version, duplicate name, state).`;
