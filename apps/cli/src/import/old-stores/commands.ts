// keyledger import zainone | vault | broker | glassdome | opscenter: each
// reads its old store (its PostgreSQL in a read-only transaction, or a
// JSON-lines dump; the vault is a file), decrypts row by row with the old
// key, maps the rows through the catalogue's seed names, and hands the plan
// to the pipeline every import shares (plan, confirm, create, report).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { deriveBrokerKey } from '#crypto';
import { CliError, UsageError } from '../../errors.js';
import { readHidden } from '../../prompt.js';
import { withoutFinalNewline } from '../../secret-input.js';
import { withSession } from '../../session.js';
import { collect } from '../../credentials/fields.js';
import { fernetKeyOf } from '../fernet-import.js';
import { runImportPlan, type PlanOptions } from '../plan.js';
import { BROKER_TABLE, planBroker } from './broker.js';
import { GLASSDOME_TABLE, planGlassdome } from './glassdome.js';
import { OPSCENTER_TABLES, planOpsCenter, type OpsCenterTable } from './opscenter.js';
import { readDatabaseTables, readRowFile, readRows, rowSourceOf, type Row } from './rows.js';
import { openVault, planVault } from './vault.js';
import { ZAINONE_TABLE, planZainone } from './zainone.js';

interface StoreOptions extends PlanOptions {
  fromDatabase?: string;
  fromFile?: string;
  keyFile?: string;
  table: string;
}

type WithPlanOptions = (command: Command) => Command;

export function registerOldStoreImports(imports: Command, withPlanOptions: WithPlanOptions): void {
  const store = (name: string, description: string, table: string) =>
    withPlanOptions(imports.command(name).description(description))
      .option(
        '--from-database <url>',
        "the old store's PostgreSQL URL (read in a read-only transaction; a password can come from PGPASSWORD)",
      )
      .option('--from-file <path>', 'a JSON-lines dump of the table (one row_to_json object a line)')
      .option('--table <name>', 'the table, [schema.]name', table)
      .option('--key-file <path>', 'the old key (else asked for without echo)');

  store('zainone', "ZainOne's Fernet-encrypted credentials table", ZAINONE_TABLE).action(
    withSession<StoreOptions>(async (session, _, o) => {
      const rows = await readRows(rowSourceOf(o), o.table);
      const key = fernetKeyOf(await oldKey(o, 'ZainOne key (ORCH_CRED_KEY)'));
      await runImportPlan(session, planZainone(rows, key, o.table), 'zainone', o);
    }),
  );

  withPlanOptions(
    imports.command('vault').description("the per-user vault file (.credentials/vault.enc), each user's credentials labelled user:<name>"),
  )
    .argument('<file>', 'the vault, e.g. .credentials/vault.enc')
    .option('--key-file <path>', 'the vault key, CREDENTIAL_MASTER_KEY (else asked for without echo)')
    .action(
      withSession<PlanOptions & { keyFile?: string }>(async (session, [file], o) => {
        const token = await readFile(file!, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new CliError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
        });
        const key = fernetKeyOf(await oldKey(o, 'Vault key (CREDENTIAL_MASTER_KEY)'));
        await runImportPlan(session, planVault(openVault(token, key), key), 'vault', o);
      }),
    );

  store('broker', "the secrets broker's host_credentials table (AES-256-GCM)", BROKER_TABLE).action(
    withSession<StoreOptions>(async (session, _, o) => {
      const rows = await readRows(rowSourceOf(o), o.table);
      const kmsKey = await oldKey(o, 'Broker key (SECRETS_KMS_KEY)');
      await runImportPlan(session, planBroker(rows, deriveBrokerKey(kmsKey), o.table), 'broker', o);
    }),
  );

  store('glassdome', "Glassdome's Fernet-encrypted credentials table", GLASSDOME_TABLE).action(
    withSession<StoreOptions>(async (session, _, o) => {
      const rows = await readRows(rowSourceOf(o), o.table);
      const key = fernetKeyOf(await oldKey(o, 'Glassdome key'));
      await runImportPlan(session, planGlassdome(rows, key, o.table), 'glassdome', o);
    }),
  );

  withPlanOptions(
    imports
      .command('opscenter')
      .description("Ops-Center's encrypted_credentials, service_credentials and user_provider_keys (system and per-user keys kept apart)"),
  )
    .option('--from-database <url>', "Ops-Center's PostgreSQL URL (read in a read-only transaction; a password can come from PGPASSWORD)")
    .option('--from-file <table=path>', `a JSON-lines dump of one table (${OPSCENTER_TABLES.join(', ')}); repeatable`, collect, [])
    .option('--key-file <path>', "Ops-Center's ENCRYPTION_KEY (else asked for without echo)")
    .action(
      withSession<PlanOptions & { fromDatabase?: string; fromFile: string[]; keyFile?: string }>(async (session, _, o) => {
        const tables = await opsCenterTables(o);
        const key = fernetKeyOf(await oldKey(o, 'Ops-Center key (ENCRYPTION_KEY)'));
        await runImportPlan(session, planOpsCenter(tables, key), 'opscenter', o);
      }),
    );
}

async function opsCenterTables(o: { fromDatabase?: string; fromFile: string[] }): Promise<Map<OpsCenterTable, Row[]>> {
  if (o.fromDatabase && o.fromFile.length > 0) throw new UsageError('give --from-database or --from-file, not both');
  if (o.fromDatabase)
    return (await readDatabaseTables(o.fromDatabase, [...OPSCENTER_TABLES], { optional: true })) as Map<OpsCenterTable, Row[]>;
  if (o.fromFile.length === 0)
    throw new UsageError('give --from-database URL (the old PostgreSQL) or --from-file TABLE=PATH (JSON-lines dumps)');
  const tables = new Map<OpsCenterTable, Row[]>();
  for (const option of o.fromFile) {
    const [table, path] = [option.slice(0, option.indexOf('=')), option.slice(option.indexOf('=') + 1)];
    if (!OPSCENTER_TABLES.includes(table as OpsCenterTable) || path === '') {
      throw new UsageError(`--from-file expects TABLE=PATH, TABLE one of ${OPSCENTER_TABLES.join(', ')}`);
    }
    if (tables.has(table as OpsCenterTable)) throw new UsageError(`--from-file names ${table} twice`);
    tables.set(table as OpsCenterTable, await readRowFile(path));
  }
  return tables;
}

/** The old key's text, from --key-file or a hidden prompt; never an argument. */
async function oldKey(o: { keyFile?: string }, label: string): Promise<string> {
  const text = o.keyFile
    ? await readFile(o.keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`cannot read ${o.keyFile}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      })
    : await readHidden(label, { alternative: '--key-file' });
  const key = withoutFinalNewline(text);
  if (key.trim() === '') throw new UsageError(`${label} is empty`);
  return key;
}
