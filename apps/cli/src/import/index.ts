// keyledger import env | fernet | encrypted, and from the old stores (old-stores/).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CliError, UsageError } from '../errors.js';
import { readHidden } from '../prompt.js';
import { withSession } from '../session.js';
import { collect } from '../credentials/fields.js';
import { CsvError } from './csv.js';
import { DotenvError, parseDotenv, planEnvImport } from '#env-import';
import { parseMaps, withMapHints } from './env-maps.js';
import { fernetKeyOf, planFernetImport } from './fernet-import.js';
import { PLAN_OPTIONS, runImportPlan, type PlanOptions } from './plan.js';
import { formatOf, parseRecords } from './records.js';
import { openExportFile } from './sealing.js';
import { planFromDocument } from './export-document.js';
import { registerOldStoreImports } from './old-stores/commands.js';

export function registerImport(program: Command): void {
  const imports = program
    .command('import')
    .description('bring credentials in: from .env files, Fernet-encrypted stores, encrypted exports, the old credential stores');
  withPlanOptions(
    imports.command('env').description('the credentials of a .env file (PROXMOX_*, CLOUDFLARE_*, OPENAI_API_KEY, DATABASE_URL...)'),
  )
    .argument('<file>')
    .option('--map <VAR=TYPE>', 'import VAR as the secret of a TYPE credential (VAR=- leaves it out); repeatable', collect, [])
    .option('--prefix <text>', 'put before every credential name, e.g. prod-', '')
    .action(
      withSession<PlanOptions & { map: string[]; prefix: string }>(async (session, [file], o) => {
        const variables = await parse(file!, (text) => parseDotenv(text));
        const plan = planEnvImport(variables, { maps: parseMaps(o.map), prefix: o.prefix, file: basename(file!) });
        await runImportPlan(session, withMapHints(plan), 'env', o);
      }),
    );
  withPlanOptions(imports.command('fernet').description('credentials exported from a Fernet-encrypted store (JSON or CSV, see the README)'))
    .argument('<file>')
    .option('--key-file <path>', 'the old Fernet key (else asked for without echo)')
    .option('--format <format>', 'json or csv (default: by extension)')
    .action(
      withSession<PlanOptions & { keyFile?: string; format?: string }>(async (session, [file], o) => {
        const records = await parse(file!, (text) => parseRecords(text, formatOf(file!, o.format)));
        const keyText = o.keyFile ? await readFile(o.keyFile, 'utf8') : await readHidden('Old Fernet key', { alternative: '--key-file' });
        await runImportPlan(session, planFernetImport(records, fernetKeyOf(keyText), file!), 'fernet', o);
      }),
    );
  withPlanOptions(imports.command('encrypted').description('a file written by keyledger export --encrypted'))
    .argument('<file>')
    .option('--key-file <path>', 'the key the export was sealed with')
    .option('--passphrase-file <path>', 'the passphrase the export was sealed with (else asked for without echo)')
    .action(
      withSession<PlanOptions & { keyFile?: string; passphraseFile?: string }>(async (session, [file], o) => {
        const plaintext = await openExportFile(file!, o);
        await runImportPlan(session, planFromDocument(plaintext), 'encrypted', o);
      }),
    );
  registerOldStoreImports(imports, withPlanOptions);
}

function withPlanOptions(command: Command): Command {
  for (const [flags, description] of PLAN_OPTIONS) command.option(flags, description);
  return command;
}

/** Reads and parses an input file; a parse error names the file and the line or record, never a value. */
async function parse<T>(file: string, parser: (text: string) => T): Promise<T> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  try {
    return parser(text);
  } catch (error) {
    if (error instanceof DotenvError || error instanceof CsvError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}
