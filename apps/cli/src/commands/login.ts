// keyledger login | logout: the token kept for one API address, readable by its owner only.
import type { Command } from 'commander';
import { KeyledgerClient } from '#client';
import { loadCliSettings } from '#config';
import { removeLogin, writeLogin } from '../login-file.js';
import { say } from '../output.js';
import { readHidden } from '../prompt.js';
import { readStdin, withoutFinalNewline } from '../secret-input.js';
import { DEFAULT_ADDR, normalise, readCaFile, USER_AGENT, type GlobalOptions } from '../session.js';

export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('check a token against the API and keep it (with the address) for later commands')
    .option('--token-stdin', 'read the token from stdin instead of a hidden prompt')
    .action(async (o: { tokenStdin?: boolean }, command: Command) => {
      const settings = loadCliSettings();
      const globals = command.optsWithGlobals<GlobalOptions>();
      const addr = normalise(globals.addr ?? settings.addr ?? DEFAULT_ADDR);
      const ca = await readCaFile(globals, settings);
      const token = withoutFinalNewline(
        o.tokenStdin ? await readStdin() : await readHidden(`Token for ${addr}`, { alternative: '--token-stdin' }),
      ).trim();
      // Any role may read the template catalogue: a cheap proof that the token works.
      const client = new KeyledgerClient({ addr, token, userAgent: USER_AGENT, retry: false, ...(ca ? { ca } : {}) });
      await client.transport.request('GET', '/v1/templates');
      await writeLogin(settings.loginFile, { addr, token });
      say(`logged in to ${addr}; token kept in ${settings.loginFile} (mode 600)`);
    });

  program
    .command('logout')
    .description('forget the kept token')
    .action(async () => {
      const { loginFile } = loadCliSettings();
      say((await removeLogin(loginFile)) ? `removed ${loginFile}` : 'not logged in');
    });
}
