// Turning command-line options into a credential body, with the template's help.
import type { Command } from 'commander';
import { activeSecretField, conditionValues, isActive, type CredentialTemplate, type TemplateField } from '#domain';
import { DATE_FORMS, dateOption, EXPIRY } from '../dates.js';
import { UsageError } from '../errors.js';

/** commander's collector for repeatable options (`--extra a=1 --extra b=2`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The non-secret fields `add` and `update` share. */
export interface MetadataOptions {
  username?: string;
  host?: string;
  purpose?: string;
  extra: string[];
  label: string[];
  description?: string;
  expires?: string;
}

export function withMetadataOptions(command: Command): Command {
  return command
    .option('--username <username>', 'user, login, key id, client id... as the template calls it')
    .option('--host <host>', 'host, for lookups by host and purpose')
    .option('--purpose <purpose>', 'what it is for, for lookups by host and purpose')
    .option('--extra <key=value>', 'a non-secret setting (repeatable), e.g. --extra port=5432; on update key= removes it', collect, [])
    .option('--label <label>', 'a label (repeatable; on update they replace the current ones)', collect, [])
    .option('--description <text>')
    .option(
      '--expires <date>',
      `when the credential expires: ${DATE_FORMS}; a day means midnight UTC at its start (on update '' clears it)`,
      dateOption('--expires', EXPIRY),
    );
}

/**
 * `--extra key=value` pairs as the `extra` object. Values of the template's
 * number, boolean and object fields become numbers, booleans and JSON objects; `key=` (empty) is
 * null: on update it removes the key.
 */
export function parseExtraPairs(pairs: readonly string[], template?: CredentialTemplate): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(pair);
    if (!match) throw new UsageError(`--extra expects key=value, got "${pair.split('=')[0]}"`);
    const [, key, raw] = match as unknown as [string, string, string];
    extra[key] =
      raw === ''
        ? null
        : typed(
            template?.fields.find((field) => field.target === `extra.${key}`),
            key,
            raw,
          );
  }
  return extra;
}

function typed(field: TemplateField | undefined, key: string, raw: string): unknown {
  if (field?.kind === 'number') {
    if (!/^-?\d+$/.test(raw)) throw new UsageError(`--extra ${key} must be a whole number`);
    return Number(raw);
  }
  if (field?.kind === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UsageError(`--extra ${key} must be true or false`);
    return raw === 'true';
  }
  if (field?.kind === 'object') return jsonObject(key, raw);
  return raw;
}

function jsonObject(key: string, raw: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new UsageError(`--extra ${key} must be a JSON object, e.g. ${key}='{"notes":"…"}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--extra ${key} must be a JSON object, e.g. ${key}='{"notes":"…"}'`);
  }
  return value as Record<string, unknown>;
}

/** Extra for a new credential: nulls (empty values) left out. */
export function withoutNulls(extra: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== null));
}

type Input = { username?: string; host?: string; purpose?: string };

/**
 * Required fields the options leave empty (and the template has no default
 * for), as the options that fill them: checked before the secret is asked
 * for, so nobody types a secret into a command that cannot succeed.
 */
export function missingOptions(template: CredentialTemplate, input: Input, extra: Record<string, unknown>): string[] {
  const values = conditionValues(template, input, extra);
  return template.fields
    .filter((field) => field.required && field.default === undefined && field.target !== 'secret' && isActive(field, values))
    .filter((field) => {
      const value = field.target.startsWith('extra.') ? extra[field.target.slice(6)] : input[field.target as keyof Input];
      return value === undefined || value === null || value === '';
    })
    .map((field) => (field.target.startsWith('extra.') ? `--extra ${field.target.slice(6)}=...` : `--${field.target} (${field.label})`));
}

export interface SecretPrompt {
  label: string;
  multiline: boolean;
}

/** The secret field the template asks for under these choices (e.g. Proxmox's token secret for auth_method=api_token). */
export function secretPromptFor(template: CredentialTemplate, input: Input, extra: Record<string, unknown>): SecretPrompt {
  const field = activeSecretField(template, conditionValues(template, input, extra));
  if (!field) throw new UsageError(`a ${template.type} credential holds no secret with these settings`);
  return { label: field.label, multiline: field.kind === 'multiline_secret' };
}
