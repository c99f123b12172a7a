// keyledger credentials list | show | history: masked, always.
import type { Command } from 'commander';
import type { CredentialPage } from '#client';
import { readPages } from '../paging.js';
import { UsageError } from '../errors.js';
import { printJson, printTable, say } from '../output.js';
import { withSession } from '../session.js';
import { CREDENTIAL_COLUMNS, CREDENTIAL_COLUMNS_WIDE, printCredential } from './render.js';
import { resolveCredential, resolveId } from './resolve.js';

interface ListOptions {
  type?: string;
  status?: string;
  label?: string;
  host?: string;
  purpose?: string;
  query?: string;
  activeOnly?: boolean;
  limit: string;
  cursor?: string;
  all?: boolean;
  wide?: boolean;
}

export function registerRead(credentials: Command): void {
  credentials
    .command('list')
    .description('list credentials (secrets masked)')
    .option('--type <type>')
    .option('--status <status>', 'active, inactive or destroyed')
    .option('--label <label>')
    .option('--host <host>')
    .option('--purpose <purpose>')
    .option('-q, --query <text>', 'part of the name or description')
    .option('--active-only')
    .option('--limit <n>', 'page size (1-200)', '50')
    .option('--cursor <cursor>', 'the next page, as printed after the previous one')
    .option('--all', 'every page')
    .option('--wide', 'every column (id, purpose, secret version, expiry, full times); by default the table fits 100 columns')
    .action(
      withSession<ListOptions>(async (session, _args, o) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit must be a whole number from 1 to 200');
        const query = {
          type: o.type,
          status: o.status,
          label: o.label,
          host: o.host,
          purpose: o.purpose,
          q: o.query,
          active_only: o.activeOnly,
          limit,
        };
        const {
          items: credentials,
          nextCursor: cursor,
          last: page,
        } = await readPages(session.api, '/v1/credentials', query, (b: CredentialPage) => b.credentials, { all: o.all, cursor: o.cursor });
        if (session.json) return printJson({ credentials, total: page.total, nextCursor: cursor });
        printTable(credentials, o.wide ? CREDENTIAL_COLUMNS_WIDE : CREDENTIAL_COLUMNS);
        if (cursor !== null) say(`${credentials.length} of ${page.total}; next page: --cursor ${cursor} (or --all)`);
      }),
    );

  credentials
    .command('show')
    .description('one credential, masked')
    .argument('<id-or-name>')
    .action(
      withSession(async (session, [ref]) => {
        const credential = await resolveCredential(session.api, ref!);
        if (session.json) printJson(credential);
        else printCredential(credential);
      }),
    );

  credentials
    .command('history')
    .description('secret versions (masked), or with --events the whole event stream')
    .argument('<id-or-name>')
    .option('--events', "the credential's events instead of its secret versions")
    .action(
      withSession<{ events?: boolean }>(async (session, [ref], o) => {
        const id = await resolveId(session.api, ref!);
        const body = (await session.api.request<HistoryBody>('GET', `/v1/credentials/${id}/${o.events ? 'events' : 'versions'}`)).body;
        if (session.json) return printJson(body);
        if (o.events) return printTable(body.events ?? [], EVENT_COLUMNS);
        printTable(body.versions ?? [], VERSION_COLUMNS);
      }),
    );
}

interface HistoryBody {
  versions?: { secretVersion: number; preview: string; createdAt: string; createdBy: string; current: boolean }[];
  events?: { position: number; version: number; type: string; recordedAt: string; data: Record<string, unknown> }[];
}

type Version = NonNullable<HistoryBody['versions']>[number];
type StreamEvent = NonNullable<HistoryBody['events']>[number];

const VERSION_COLUMNS: [string, (v: Version) => unknown][] = [
  ['VERSION', (v) => v.secretVersion],
  ['SECRET', (v) => v.preview],
  ['CREATED', (v) => v.createdAt],
  ['BY', (v) => v.createdBy],
  ['CURRENT', (v) => (v.current ? 'yes' : '')],
];

const EVENT_COLUMNS: [string, (e: StreamEvent) => unknown][] = [
  ['POSITION', (e) => e.position],
  ['VERSION', (e) => e.version],
  ['TYPE', (e) => e.type],
  ['RECORDED', (e) => e.recordedAt],
  ['BY', (e) => e.data.actor],
];
