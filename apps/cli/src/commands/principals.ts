// keyledger principals create | list | show, and keyledger whoami.
import type { Command } from 'commander';
import type { Principal } from '#client';
import { collect } from '../credentials/fields.js';
import { out, printFields, printJson, printTable } from '../output.js';
import { allPrincipals, resolvePrincipal } from '../principals/resolve.js';
import { newIdempotencyKey, withSession } from '../session.js';
import { roleOption } from './roles.js';

export function registerPrincipals(program: Command): void {
  const principals = program.command('principals').description('people and services of your tenant, with their roles (admin)');
  principals
    .command('create')
    .description('create a principal; keyledger tokens create --principal NAME then issues its token')
    .argument('<name>', 'unique in your tenant, e.g. billing-service')
    .addOption(roleOption().makeOptionMandatory())
    .option('--team <team>', 'a team it belongs to (repeatable); a grant to a team applies to each member', collect, [])
    .action(
      withSession<{ role: string; team: string[] }>(async (session, [name], o) => {
        const created = await session.admin.createPrincipal(
          { name: name!, role: o.role as Principal['role'], teams: o.team },
          { idempotencyKey: newIdempotencyKey() },
        );
        if (session.json) return printJson(created);
        out(`created principal ${created.name} (${created.id}): ${created.role}${teamsOf(created)}`);
      }),
    );
  principals
    .command('list')
    .description('every principal of your tenant')
    .action(
      withSession(async (session) => {
        const rows = await allPrincipals(session.admin);
        if (session.json) return printJson(rows);
        printTable(rows, [
          ['ID', (p) => p.id],
          ['NAME', (p) => p.name],
          ['ROLE', (p) => p.role],
          ['TEAMS', (p) => p.teams],
          ['CREATED', (p) => p.createdAt],
        ]);
      }),
    );
  principals
    .command('show')
    .description('one principal')
    .argument('<name-or-id>')
    .action(
      withSession(async (session, [ref]) => {
        const principal = await resolvePrincipal(session.admin, ref!);
        if (session.json) return printJson(principal);
        printFields([
          ['id', principal.id],
          ['name', principal.name],
          ['tenant', principal.tenant],
          ['role', principal.role],
          ['teams', principal.teams],
          ['created', `${principal.createdAt} by ${principal.createdBy}`],
        ]);
      }),
    );
}

export function registerWhoami(program: Command): void {
  program
    .command('whoami')
    .description('who the token belongs to: principal, role, tenant, teams, token expiry, and what the role may do')
    .action(
      withSession(async (session) => {
        const me = await session.admin.me();
        if (session.json) return printJson(me);
        const reach = Object.entries(me.credentialAccess).map(([action, scope]) => `${action}=${scope}`);
        printFields([
          ['principal', `${me.name} (${me.id})`],
          ['role', me.role],
          ['tenant', me.tenant],
          ['teams', me.teams],
          ['token', me.token ? `${me.token.id}, ${me.token.expiresAt ? `expires ${me.token.expiresAt}` : 'never expires'}` : null],
          ['credentials', reach.join(' ')],
        ]);
      }),
    );
}

function teamsOf(principal: Principal): string {
  return principal.teams.length > 0 ? `, teams ${principal.teams.join(', ')}` : '';
}
