// keyledger tokens create | list | revoke (admin).
import type { Command } from 'commander';
import type { Role, Token } from '#client';
import { collect } from '../credentials/fields.js';
import { DATE_FORMS, dateOption, EXPIRY } from '../dates.js';
import { UsageError } from '../errors.js';
import { out, printJson, printTable, say } from '../output.js';
import { resolvePrincipalId } from '../principals/resolve.js';
import { newIdempotencyKey, withSession } from '../session.js';
import { roleOption } from './roles.js';

interface CreateOptions {
  principal?: string;
  name?: string;
  role?: Role;
  team: string[];
  description?: string;
  expires?: string;
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('bearer tokens of principals (admin)');
  tokens
    .command('create')
    .description(
      'issue a token, for an existing principal (--principal) or a new one (--name, --role); prints the principal, the token id, and the token once (on stdout)',
    )
    .option('--principal <name-or-id>', 'an existing principal')
    .option('--name <name>', 'a new principal with this name')
    .addOption(roleOption().conflicts('principal'))
    .option('--team <team>', 'a team of the new principal (repeatable)', collect, [])
    .option('--description <text>')
    .option(
      '--expires <date>',
      `when the token stops working: ${DATE_FORMS}; a day means midnight UTC at its start`,
      dateOption('--expires', EXPIRY),
    )
    .action(
      withSession<CreateOptions>(async (session, _args, o) => {
        if (!o.principal === !o.name) throw new UsageError('give --principal NAME-OR-ID, or --name and --role for a new principal');
        if (o.name && !o.role) throw new UsageError('a new principal needs --role');
        const principalId = o.principal ? await resolvePrincipalId(session.admin, o.principal) : undefined;
        const principal = o.name ? { name: o.name, role: o.role!, teams: o.team } : undefined;
        const issued = await session.admin.issueToken({ principalId, principal, description: o.description, expiresAt: o.expires });
        if (session.json) return printJson(issued);
        say(`principal ${issued.principalName} (${issued.principalId}), ${issued.role}`);
        say(`token ${issued.id}${issued.expiresAt ? `, expires ${issued.expiresAt}` : ''}; the token is shown this once:`);
        out(issued.token);
      }),
    );
  tokens
    .command('list')
    .option('--principal <name-or-id>', 'tokens of this principal only')
    .action(
      withSession<{ principal?: string }>(async (session, _args, o) => {
        const principalId = o.principal ? await resolvePrincipalId(session.admin, o.principal) : undefined;
        const rows: Token[] = [];
        let cursor: string | null = null;
        do {
          const page = await session.admin.listTokens({ principalId, cursor, limit: 200 });
          rows.push(...page.tokens);
          cursor = page.nextCursor;
        } while (cursor !== null);
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
        const revoked = await session.admin.revokeToken(id!, { idempotencyKey: newIdempotencyKey() });
        if (session.json) printJson(revoked);
        else out(`revoked token ${revoked.id} of ${revoked.principalName}`);
      }),
    );
}
