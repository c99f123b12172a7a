// keyledger tokens create | list | revoke (admin).
import type { Command } from 'commander';
import { out, printJson, printTable, say } from '../output.js';
import { withSession } from '../session.js';
import { collect } from '../credentials/fields.js';
import { UsageError } from '../errors.js';
import { readPages } from '../paging.js';

interface TokenRow {
  id: string;
  principalId: string;
  principalName: string;
  role: string;
  status: string;
  description: string | null;
  expiresAt: string | null;
  createdAt: string;
  token?: string;
}

interface CreateOptions {
  principal?: string;
  name?: string;
  role?: string;
  team: string[];
  description?: string;
  expires?: string;
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('bearer tokens of principals (admin)');
  tokens
    .command('create')
    .description('issue a token, for an existing principal (--principal) or a new one (--name, --role); prints it once')
    .option('--principal <id>', 'an existing principal')
    .option('--name <name>', 'a new principal with this name')
    .option('--role <role>', 'its role: admin, operator, service or auditor')
    .option('--team <team>', 'a team of the new principal (repeatable)', collect, [])
    .option('--description <text>')
    .option('--expires <iso-date>')
    .action(
      withSession<CreateOptions>(async (session, _args, o) => {
        if (!o.principal === !o.name) throw new UsageError('give --principal ID, or --name and --role for a new principal');
        if (o.name && !o.role) throw new UsageError('a new principal needs --role');
        const principal = o.name ? { name: o.name, role: o.role, teams: o.team } : undefined;
        const body = { principalId: o.principal, principal, description: o.description, expiresAt: o.expires };
        const issued = (await session.api.request<TokenRow>('POST', '/v1/tokens', { body })).body;
        if (session.json) return printJson(issued);
        say(`token ${issued.id} for ${issued.principalName} (${issued.role}); it is shown this once:`);
        out(issued.token!);
      }),
    );
  tokens
    .command('list')
    .option('--principal <id>', 'tokens of this principal only')
    .action(
      withSession<{ principal?: string }>(async (session, _args, o) => {
        const query = { principalId: o.principal, limit: 200 };
        const { items: rows } = await readPages(
          session.api,
          '/v1/tokens',
          query,
          (b: { tokens: TokenRow[]; nextCursor: string | null }) => b.tokens,
          { all: true },
        );
        if (session.json) return printJson(rows);
        printTable(rows, [
          ['ID', (t) => t.id],
          ['PRINCIPAL', (t) => t.principalName],
          ['ROLE', (t) => t.role],
          ['STATUS', (t) => t.status],
          ['EXPIRES', (t) => t.expiresAt],
          ['CREATED', (t) => t.createdAt],
          ['DESCRIPTION', (t) => t.description],
        ]);
      }),
    );
  tokens
    .command('revoke')
    .argument('<token-id>')
    .action(
      withSession(async (session, [id]) => {
        const revoked = (await session.api.request<TokenRow>('DELETE', `/v1/tokens/${encodeURIComponent(id!)}`)).body;
        if (session.json) printJson(revoked);
        else out(`revoked token ${revoked.id} of ${revoked.principalName}`);
      }),
    );
}
