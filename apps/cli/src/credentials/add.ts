// keyledger credentials add TYPE: the template says which secret to ask for.
// keyledger credentials try TYPE: the same options, checked before saving, nothing stored.
import type { Command } from 'commander';
import { NotFoundError, type Credential, type HttpTransport } from '#client';
import type { CredentialTemplate } from '#domain';
import { UsageError } from '../errors.js';
import { out, printJson } from '../output.js';
import { readSecret, withSecretOptions, type SecretSourceOptions } from '../secret-input.js';
import { newIdempotencyKey, withSession } from '../session.js';
import { missingOptions, parseExtraPairs, secretPromptFor, withMetadataOptions, withoutNulls, type MetadataOptions } from './fields.js';
import { summary } from './render.js';

interface TryOptions extends SecretSourceOptions, MetadataOptions {
  name: string;
}

interface AddOptions extends TryOptions {
  idempotencyKey?: string;
}

export function registerAdd(credentials: Command): void {
  const add = withSecretOptions(
    withMetadataOptions(
      credentials
        .command('add')
        .description("create a credential; asks for the secret the type's template names, without echo")
        .argument('<type>', 'credential type, e.g. openai, postgres, proxmox (keyledger templates list)')
        .requiredOption('--name <name>', 'unique name in your tenant'),
    ).option('--idempotency-key <key>', 'makes a retried add return the first result (default: a random key)'),
  );
  add.action(
    withSession<AddOptions>(async (session, [type], options) => {
      const body = await credentialBody(session.api, type!, options);
      const idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
      const created = (await session.api.request<Credential>('POST', '/v1/credentials', { body, idempotencyKey })).body;
      if (session.json) printJson(created);
      else out(summary('created', created));
    }),
  );

  const attempt = withSecretOptions(
    withMetadataOptions(
      credentials
        .command('try')
        .description('check a credential before saving it: the options of add, the health check run at once, nothing stored')
        .argument('<type>', 'credential type, e.g. openai, postgres, proxmox (keyledger templates list)')
        .requiredOption('--name <name>', 'the name it would have (validated as add does)'),
    ),
  );
  attempt.action(
    withSession<TryOptions>(async (session, [type], options) => {
      const body = await credentialBody(session.api, type!, options);
      const result = (await session.api.request<UnsavedTestResult>('POST', '/v1/credentials/test', { body })).body;
      if (session.json) printJson(result);
      else out(`${options.name}: ${result.ok ? 'ok' : 'failed'} in ${result.durationMs} ms (${result.message})`);
      if (!result.ok) process.exitCode = 1;
    }),
  );
}

/** What POST /v1/credentials/test answers. */
interface UnsavedTestResult {
  ok: boolean;
  checked: boolean;
  message: string;
  durationMs: number;
}

/** The create body from the options, asking for the secret the type's template names (without echo). */
async function credentialBody(api: HttpTransport, type: string, options: TryOptions): Promise<Record<string, unknown>> {
  const template = await templateOf(api, type);
  const extra = parseExtraPairs(options.extra, template);
  const missing = missingOptions(template, options, extra);
  if (missing.length > 0) throw new UsageError(`a ${template.type} credential also needs ${missing.join(', ')}`);
  const prompt = secretPromptFor(template, options, extra);
  const secret = await readSecret(options, prompt.label, prompt.multiline);
  return {
    name: options.name,
    type,
    username: options.username,
    host: options.host,
    purpose: options.purpose,
    extra: withoutNulls(extra),
    labels: options.label.length > 0 ? options.label : undefined,
    description: options.description,
    expiresAt: options.expires || undefined,
    secret,
  };
}

export async function templateOf(api: HttpTransport, type: string): Promise<CredentialTemplate> {
  try {
    return (await api.request<CredentialTemplate>('GET', `/v1/templates/${encodeURIComponent(type)}`)).body;
  } catch (error) {
    if (error instanceof NotFoundError) throw new UsageError(`unknown credential type "${type}": keyledger templates list shows them`);
    throw error;
  }
}
