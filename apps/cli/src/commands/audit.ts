// keyledger audit list | tail: who did what to which credential.
import type { Command } from 'commander';
import { ForbiddenError, type AuditEntry, type AuditPage, type KeyledgerAdmin } from '#client';
import { resolveId } from '../credentials/resolve.js';
import { DATE_FORMS, dateOption, SINCE, UNTIL } from '../dates.js';
import { CliError, UsageError } from '../errors.js';
import { out, printJson, printTable, say, type Column } from '../output.js';
import { readPages } from '../paging.js';
import { PrincipalNames, resolvePrincipalId } from '../principals/resolve.js';
import { withSession, type Session } from '../session.js';
import { followAudit } from './audit-follow.js';

/** Who acts with the configured bootstrap token: no principal record, this id in the trail. */
const BOOTSTRAP_ACTOR = 'bootstrap-admin';

export interface AuditFilterOptions {
  credential?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** The trail as a table, principals by name (ids the token may not resolve stay ids). */
export function auditColumns(names: PrincipalNames): Column<AuditEntry>[] {
  return [
    ['AT', (e) => e.at],
    ['ACTOR', (e) => names.nameOf(e.actor)],
    ['ACTION', (e) => e.action],
    ['OUTCOME', (e) => e.outcome],
    ['CREDENTIAL', (e) => e.credentialId],
    ['POSITION', (e) => e.position],
    ['DETAILS', (e) => (Object.keys(e.details).length === 0 ? '' : e.details)],
  ];
}

function withFilters(command: Command): Command {
  return command
    .option('--credential <id-or-name>')
    .option('--actor <name-or-id>', 'entries by this principal (a name needs a token that may read principals: admin)')
    .option('--action <action>', 'created, changed, rotated, revealed, looked_up, denied, ...')
    .option('--outcome <outcome>', 'success, denied or failed')
    .option(
      '--from <date>',
      `entries at or after: ${DATE_FORMS} (30d: 30 days ago; a day: from its start, midnight UTC)`,
      dateOption('--from', SINCE),
    )
    .option('--to <date>', `entries at or before: the same forms (a day: up to its end, inclusive)`, dateOption('--to', UNTIL));
}

export async function auditQuery(session: Session, o: AuditFilterOptions): Promise<Record<string, string | undefined>> {
  const credentialId = o.credential ? await resolveId(session.api, o.credential) : undefined;
  const actor = o.actor ? await actorId(session.admin, o.actor) : undefined;
  return { credentialId, actor, action: o.action, outcome: o.outcome, from: o.from, to: o.to };
}

/** The principal id of `--actor`: an id as given, a name looked up (the bootstrap admin has no principal record: its id is its name). */
async function actorId(admin: KeyledgerAdmin, ref: string): Promise<string> {
  if (ref === BOOTSTRAP_ACTOR) return ref;
  try {
    return await resolvePrincipalId(admin, ref);
  } catch (error) {
    if (error instanceof ForbiddenError)
      throw new CliError('--actor takes a name only with a token that may read principals (admin): give the principal id');
    throw error;
  }
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the audit trail (admin, auditor)');
  withFilters(audit.command('list').description('entries, newest first'))
    .option('--limit <n>', 'entries per page (1-1000)', '50')
    .option('--cursor <cursor>', 'the next page, as printed after the previous one')
    .option('--all', 'every page')
    .action(
      withSession<AuditFilterOptions & { limit: string; cursor?: string; all?: boolean }>(async (session, _args, o) => {
        const limit = positive(o.limit, '--limit');
        const query = { ...(await auditQuery(session, o)), limit };
        const { items: entries, nextCursor: cursor } = await readPages(session.api, '/v1/audit', query, (b: AuditPage) => b.entries, {
          all: o.all,
          cursor: o.cursor,
        });
        if (session.json) return printJson({ entries, nextCursor: cursor });
        const names = new PrincipalNames(session.admin);
        await names.load(entries.map((e) => e.actor));
        printTable(entries, auditColumns(names));
        if (cursor !== null) say(`next page: --cursor ${cursor} (or --all)`);
      }),
    );
  withFilters(audit.command('tail').description('the latest entries, then new ones as they happen (Ctrl-C stops)'))
    .option('-n, --lines <n>', 'entries to show first', '10')
    .option('--interval <ms>', 'how often to ask for new entries', '1000')
    .action(
      withSession<AuditFilterOptions & { lines: string; interval: string }>(async (session, _args, o) => {
        const query = await auditQuery(session, o);
        const names = new PrincipalNames(session.admin);
        const print = async (entry: AuditEntry) => {
          if (session.json) return out(JSON.stringify(entry));
          await names.load([entry.actor]);
          out(tailLine(entry, names));
        };
        await followAudit(
          session.api,
          query,
          { lines: positive(o.lines, '--lines', 0), intervalMs: positive(o.interval, '--interval') },
          print,
        );
      }),
    );
}

function tailLine(e: AuditEntry, names: PrincipalNames): string {
  const details = Object.keys(e.details).length === 0 ? '' : ` ${JSON.stringify(e.details)}`;
  return `${e.at} ${names.nameOf(e.actor)} ${e.action} ${e.outcome}${e.credentialId ? ` ${e.credentialId}` : ''} #${e.position}${details}`;
}

export function positive(text: string, flag: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} must be a whole number of at least ${min}`);
  return value;
}
