// keyledger credentials update | rotate | delete | restore | destroy.
import type { Command } from 'commander';
import type { Credential, HttpTransport } from '#client';
import { CliError, UsageError } from '../errors.js';
import { out, printJson } from '../output.js';
import { readLine } from '../prompt.js';
import { readSecret, withSecretOptions, type SecretSourceOptions } from '../secret-input.js';
import { newIdempotencyKey, withSession, type Session } from '../session.js';
import { templateOf } from './add.js';
import { parseExtraPairs, secretPromptFor, withMetadataOptions, type MetadataOptions } from './fields.js';
import { summary } from './render.js';
import { resolveCredential } from './resolve.js';

interface UpdateOptions extends MetadataOptions {
  name?: string;
}

export function registerWrite(credentials: Command): void {
  withMetadataOptions(
    credentials
      .command('update')
      .description("change metadata (not the secret: use rotate); '' clears a field, --extra key= removes a setting")
      .argument('<id-or-name>')
      .option('--name <name>'),
  ).action(
    withSession<UpdateOptions>(async (session, [ref], o) => {
      const current = await resolveCredential(session.api, ref!);
      const body = await changes(session.api, current, o);
      if (Object.keys(body).length === 0) throw new UsageError('nothing to change: give at least one option');
      // If-Match: a change made by someone else since the read is a conflict (exit 4), never overwritten.
      const reply = await session.api.request<Credential>('PATCH', `/v1/credentials/${current.id}`, {
        body,
        ifMatch: current.version,
        idempotencyKey: newIdempotencyKey(),
      });
      report(session, 'updated', reply.body);
    }),
  );

  const rotate = credentials
    .command('rotate')
    .description('give a credential a new secret (asked for without echo)')
    .argument('<id-or-name>');
  withSecretOptions(rotate).action(
    withSession<SecretSourceOptions>(async (session, [ref], o) => {
      const current = await resolveCredential(session.api, ref!);
      const prompt = secretPromptFor(
        await templateOf(session.api, current.type),
        { username: current.username ?? undefined },
        current.extra,
      );
      const secret = await readSecret(o, `New ${prompt.label.toLowerCase()} for ${current.name}`, prompt.multiline);
      const path = `/v1/credentials/${current.id}/rotate`;
      report(
        session,
        'rotated',
        (
          await session.api.request<Credential>('POST', path, {
            body: { secret },
            ifMatch: current.version,
            idempotencyKey: newIdempotencyKey(),
          })
        ).body,
      );
    }),
  );

  transition(credentials, 'delete', 'deactivate (restorable; reveal refuses meanwhile)', 'DELETE', '', 'deactivated');
  transition(credentials, 'restore', 'reactivate a deactivated credential', 'POST', '/restore', 'restored');
  transition(credentials, 'destroy', 'crypto-shred: the secret is gone for good (asks to confirm)', 'POST', '/destroy', 'destroyed').option(
    '--yes',
    'do not ask to confirm',
  );
}

function transition(parent: Command, name: string, description: string, method: string, suffix: string, verb: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument('<id-or-name>')
    .action(
      withSession<{ yes?: boolean }>(async (session, [ref], o) => {
        const current = await resolveCredential(session.api, ref!);
        if (name === 'destroy' && !o.yes) await confirmDestroy(current);
        report(
          session,
          verb,
          (await session.api.request<Credential>(method, `/v1/credentials/${current.id}${suffix}`, { idempotencyKey: newIdempotencyKey() }))
            .body,
        );
      }),
    );
}

async function confirmDestroy(credential: Credential): Promise<void> {
  if (!process.stdin.isTTY) throw new UsageError('destroy cannot be undone: confirm it at a terminal, or pass --yes');
  const answer = await readLine(`Destroying ${credential.name} deletes its secret for good. Type its name to confirm: `);
  if (answer.trim() !== credential.name) throw new CliError('not destroyed: the name did not match');
}

async function changes(api: HttpTransport, current: Credential, o: UpdateOptions): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  const text = { name: o.name, username: o.username, host: o.host, purpose: o.purpose, description: o.description, expiresAt: o.expires };
  for (const [key, value] of Object.entries(text)) if (value !== undefined) body[key] = value === '' && key !== 'name' ? null : value;
  if (o.label.length > 0) body.labels = o.label;
  if (o.extra.length > 0) {
    // PATCH replaces extra as a whole: merge the pairs into the current settings.
    const pairs = parseExtraPairs(o.extra, await templateOf(api, current.type));
    const merged = { ...current.extra, ...pairs };
    body.extra = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
  }
  return body;
}

function report(session: Session, verb: string, credential: Credential): void {
  if (session.json) printJson(credential);
  else out(summary(verb, credential));
}
