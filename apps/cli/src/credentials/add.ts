// keyledger credentials add TYPE: the template says which secret to ask for.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { NotFoundError, type Credential, type HttpTransport } from '#client';
import type { CredentialTemplate } from '#domain';
import { UsageError } from '../errors.js';
import { out, printJson } from '../output.js';
import { readSecret, SECRET_OPTIONS, type SecretSourceOptions } from '../secret-input.js';
import { withSession } from '../session.js';
import { collect, parseExtraPairs, secretPromptFor, withoutNulls } from './fields.js';
import { summary } from './render.js';

interface AddOptions extends SecretSourceOptions {
  name: string;
  username?: string;
  host?: string;
  purpose?: string;
  extra: string[];
  label: string[];
  description?: string;
  expires?: string;
  idempotencyKey?: string;
}

export function registerAdd(credentials: Command): void {
  const add = credentials
    .command('add')
    .description("create a credential; asks for the secret the type's template names, without echo")
    .argument('<type>', 'credential type, e.g. openai, postgres, proxmox (keyledger templates list)')
    .requiredOption('--name <name>', 'unique name in your tenant')
    .option('--username <username>', 'user, login, key id, client id... as the template calls it')
    .option('--host <host>', 'host, for lookups by host and purpose')
    .option('--purpose <purpose>', 'what it is for, for lookups by host and purpose')
    .option('--extra <key=value>', 'a non-secret setting (repeatable), e.g. --extra port=5432', collect, [])
    .option('--label <label>', 'a label (repeatable)', collect, [])
    .option('--description <text>')
    .option('--expires <iso-date>', 'when the credential expires, e.g. 2027-01-31')
    .option('--idempotency-key <key>', 'makes a retried add return the first result (default: a random key)');
  for (const [flags, description] of SECRET_OPTIONS) add.option(flags, description);
  add.action(
    withSession<AddOptions>(async (session, [type], options) => {
      const template = await templateOf(session.api, type!);
      const extra = parseExtraPairs(options.extra, template);
      const prompt = secretPromptFor(template, options, extra);
      const secret = await readSecret(options, prompt.label, prompt.multiline);
      const body = {
        name: options.name,
        type,
        username: options.username,
        host: options.host,
        purpose: options.purpose,
        extra: withoutNulls(extra),
        labels: options.label.length > 0 ? options.label : undefined,
        description: options.description,
        expiresAt: options.expires,
        secret,
      };
      const idempotencyKey = options.idempotencyKey ?? `cli-${randomUUID()}`;
      const created = (await session.api.request<Credential>('POST', '/v1/credentials', { body, idempotencyKey })).body;
      if (session.json) printJson(created);
      else out(summary('created', created));
    }),
  );
}

export async function templateOf(api: HttpTransport, type: string): Promise<CredentialTemplate> {
  try {
    return (await api.request<CredentialTemplate>('GET', `/v1/templates/${encodeURIComponent(type)}`)).body;
  } catch (error) {
    if (error instanceof NotFoundError) throw new UsageError(`unknown credential type "${type}": keyledger templates list shows them`);
    throw error;
  }
}
