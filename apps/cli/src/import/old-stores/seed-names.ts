// From an old store's field names to a Keyledger create body, through the
// template catalogue's seed names (GET /v1/templates lists the same): the
// catalogue says which template takes a system's type and where each of its
// fields goes; this only applies it.
import { listTemplates } from '#domain';
import type { CredentialBody } from '#env-import';

export interface SeedTarget {
  /** The Keyledger type. */
  type: string;
  /** The old system's field name -> the request path here (`username`, `secret`, `extra.port`...). */
  fields: Readonly<Record<string, string>>;
}

/** The template that takes `system`'s type `seedType`, with its field map; undefined when none does. */
export function seedTarget(system: string, seedType: string): SeedTarget | undefined {
  for (const template of listTemplates()) {
    const mapping = template.seedNames.find((m) => m.system === system && m.type === seedType);
    if (mapping) return { type: template.type, fields: mapping.fields };
  }
  return undefined;
}

export type TranslatedBody = Omit<CredentialBody, 'name' | 'secret'> & { name?: string };

export interface Translated {
  body: TranslatedBody;
  secret?: string;
  notes: string[];
}

const TOP_LEVEL = new Set(['name', 'username', 'host', 'purpose']);

/**
 * `settings` are the row's plain values by the old names: a name the map
 * does not know stays in `extra` when written `extra.x`, else goes to
 * `extra.additional_data` (notes, stored unencrypted). `secrets` are the
 * decrypted values: one the map does not know is left out, never stored
 * unencrypted, and named (not shown) in a note.
 */
export function translate(target: SeedTarget, settings: Record<string, unknown>, secrets: Record<string, unknown> = {}): Translated {
  const body: TranslatedBody = { type: target.type };
  const extra: Record<string, unknown> = {};
  const additional: Record<string, unknown> = {};
  const notes: string[] = [];
  let secret: { from: string; value: string } | undefined;
  const put = (name: string, path: string, value: unknown) => {
    if (path === 'type') return;
    if (path === 'secret') {
      if (secret === undefined) secret = { from: name, value: String(value) };
      else notes.push(`${name} left out: the secret is ${secret.from}`);
    } else if (path.startsWith('extra.')) setPath(extra, path.slice('extra.'.length).split('.'), value);
    else if (TOP_LEVEL.has(path) && body[path as 'name'] === undefined) body[path as 'name'] = String(value);
  };
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined || value === null || value === '') continue;
    const path = target.fields[name];
    if (path !== undefined) put(name, path, value);
    else if (name.startsWith('extra.')) setPath(extra, name.slice('extra.'.length).split('.'), value);
    else additional[name] = value;
  }
  const leftOut: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (value === undefined || value === null || value === '') continue;
    const path = target.fields[name];
    if (path !== undefined) put(name, path, value);
    else leftOut.push(name);
  }
  if (leftOut.length > 0) notes.push(`left out (encrypted there, no field here): ${leftOut.join(', ')}`);
  if (Object.keys(additional).length > 0) {
    const given = extra.additional_data;
    extra.additional_data = { ...(isObject(given) ? given : {}), ...additional };
    notes.push(`in additional_data: ${Object.keys(additional).join(', ')}`);
  }
  if (Object.keys(extra).length > 0) body.extra = extra;
  return { body, ...(secret ? { secret: secret.value } : {}), notes };
}

/** `{port: 22}` -> `{'extra.port': 22}`: an old `extra` object under the names its seed map uses. */
export function prefixed(prefix: string, object: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object ?? {}).map(([key, value]) => [`${prefix}${key}`, value]));
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = isObject(target[head]) && isObject(value) ? { ...target[head], ...value } : value;
    return;
  }
  if (!isObject(target[head])) target[head] = {};
  setPath(target[head] as Record<string, unknown>, rest, value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
