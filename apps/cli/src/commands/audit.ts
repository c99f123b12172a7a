// keyledger audit list | tail: who did what to which credential.
import type { Command } from 'commander';
import type { HttpTransport } from '#client';
import { resolveId } from '../credentials/resolve.js';
import { DATE_FORMS, dateOption, SINCE, UNTIL } from '../dates.js';
import { UsageError } from '../errors.js';
import { out, printJson, printTable, say, type Column } from '../output.js';
import { readPages } from '../paging.js';
import { withSession } from '../session.js';
import type { AuditEntry, AuditPage } from './audit-entry.js';
import { followAudit } from './audit-follow.js';

export interface AuditFilterOptions {
  credential?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export const AUDIT_COLUMNS: Column<AuditEntry>[] = [
  ['AT', (e) => e.at],
  ['ACTOR', (e) => e.actor],
  ['ACTION', (e) => e.action],
  ['OUTCOME', (e) => e.outcome],
  ['CREDENTIAL', (e) => e.credentialId],
  ['POSITION', (e) => e.position],
  ['DETAILS', (e) => (Object.keys(e.details).length === 0 ? '' : e.details)],
];

function withFilters(command: Command): Command {
  return command
    .option('--credential <id-or-name>')
    .option('--actor <principal-id>')
    .option('--action <action>', 'created, changed, rotated, revealed, looked_up, denied, ...')
    .option('--outcome <outcome>', 'success, denied or failed')
    .option(
      '--from <date>',
      `entries at or after: ${DATE_FORMS} (30d: 30 days ago; a day: from its start, midnight UTC)`,
      dateOption('--from', SINCE),
    )
    .option('--to <date>', `entries at or before: the same forms (a day: up to its end, inclusive)`, dateOption('--to', UNTIL));
}

export async function auditQuery(api: HttpTransport, o: AuditFilterOptions): Promise<Record<string, string | undefined>> {
  const credentialId = o.credential ? await resolveId(api, o.credential) : undefined;
  return { credentialId, actor: o.actor, action: o.action, outcome: o.outcome, from: o.from, to: o.to };
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
        const query = { ...(await auditQuery(session.api, o)), limit };
        const { items: entries, nextCursor: cursor } = await readPages(session.api, '/v1/audit', query, (b: AuditPage) => b.entries, {
          all: o.all,
          cursor: o.cursor,
        });
        if (session.json) return printJson({ entries, nextCursor: cursor });
        printTable(entries, AUDIT_COLUMNS);
        if (cursor !== null) say(`next page: --cursor ${cursor} (or --all)`);
      }),
    );
  withFilters(audit.command('tail').description('the latest entries, then new ones as they happen (Ctrl-C stops)'))
    .option('-n, --lines <n>', 'entries to show first', '10')
    .option('--interval <ms>', 'how often to ask for new entries', '1000')
    .action(
      withSession<AuditFilterOptions & { lines: string; interval: string }>(async (session, _args, o) => {
        const query = await auditQuery(session.api, o);
        const print = (entry: AuditEntry) => out(session.json ? JSON.stringify(entry) : tailLine(entry));
        await followAudit(
          session.api,
          query,
          { lines: positive(o.lines, '--lines', 0), intervalMs: positive(o.interval, '--interval') },
          print,
        );
      }),
    );
}

function tailLine(e: AuditEntry): string {
  const details = Object.keys(e.details).length === 0 ? '' : ` ${JSON.stringify(e.details)}`;
  return `${e.at} ${e.actor} ${e.action} ${e.outcome}${e.credentialId ? ` ${e.credentialId}` : ''} #${e.position}${details}`;
}

export function positive(text: string, flag: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} must be a whole number of at least ${min}`);
  return value;
}
