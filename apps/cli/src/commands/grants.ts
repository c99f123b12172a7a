// keyledger grants add | list | revoke: who besides the tenant's admins and
// operators may use or manage a credential (admin).
import { Option, type Command } from 'commander';
import type { Grant, GrantChange } from '#client';
import { resolveId } from '../credentials/resolve.js';
import { UsageError } from '../errors.js';
import { out, printJson, printTable } from '../output.js';
import { PrincipalNames, resolvePrincipal } from '../principals/resolve.js';
import { newIdempotencyKey, withSession, type Session } from '../session.js';

interface AddOptions {
  principal?: string;
  team?: string;
  permission: 'use' | 'manage';
}

export function registerGrants(program: Command): void {
  const grants = program.command('grants').description('let a principal or a team use or manage a credential (admin)');
  grants
    .command('add')
    .description('grant a principal (by name or id) or a team use (reveal, lookup) or manage (change, rotate, test, deactivate, restore)')
    .argument('<credential>', 'credential id or name')
    .option('--principal <name-or-id>', 'the principal it is for')
    .option('--team <team>', 'or every member of this team')
    .addOption(new Option('--permission <permission>', 'what it may do').choices(['use', 'manage']).makeOptionMandatory())
    .action(
      withSession<AddOptions>(async (session, [ref], o) => {
        if (!o.principal === !o.team) throw new UsageError('give --principal NAME-OR-ID or --team TEAM (one of them)');
        const credentialId = await resolveId(session.api, ref!);
        const grantee = o.principal ? { principalId: (await resolvePrincipal(session.admin, o.principal)).id } : { team: o.team! };
        const grant = await session.admin.grantAccess(
          credentialId,
          { ...grantee, permission: o.permission },
          { idempotencyKey: newIdempotencyKey() },
        );
        await report(session, 'granted', grant);
      }),
    );
  grants
    .command('list')
    .description('the grants in force on a credential, oldest first')
    .argument('<credential>', 'credential id or name')
    .action(
      withSession(async (session, [ref]) => {
        const list = await session.admin.listGrants(await resolveId(session.api, ref!));
        if (session.json) return printJson(list);
        const names = new PrincipalNames(session.admin);
        await names.load(list.flatMap((g) => [g.grantee.kind === 'principal' ? g.grantee.id : null, g.grantedBy]));
        printTable(list, [
          ['ID', (g) => g.id],
          ['GRANTEE', (g) => granteeText(g, names)],
          ['PERMISSION', (g) => g.permission],
          ['GRANTED', (g) => g.grantedAt],
          ['BY', (g) => names.nameOf(g.grantedBy)],
        ]);
      }),
    );
  grants
    .command('revoke')
    .description('revoke a grant: the grantee loses access at once')
    .argument('<credential>', 'credential id or name')
    .argument('<grant-id>', 'as grants list shows it')
    .action(
      withSession(async (session, [ref, grantId]) => {
        const credentialId = await resolveId(session.api, ref!);
        const grant = await session.admin.revokeGrant(credentialId, grantId!, { idempotencyKey: newIdempotencyKey() });
        await report(session, 'revoked', grant);
      }),
    );
}

async function report(session: Session, verb: string, grant: GrantChange): Promise<void> {
  if (session.json) return printJson(grant);
  const names = new PrincipalNames(session.admin);
  await names.load([grant.grantee.kind === 'principal' ? grant.grantee.id : null]);
  out(`${verb} ${grant.permission} to ${granteeText(grant, names)} on ${grant.credentialId}: grant ${grant.id}`);
}

function granteeText(grant: Grant, names: PrincipalNames): string {
  return grant.grantee.kind === 'team' ? `team ${grant.grantee.id}` : `${names.nameOf(grant.grantee.id)}`;
}
