// `extra` holds non-secret settings and is stored and shown unencrypted.
import { isJsonValue, isPlainObject } from '../shared/json.js';
import { extraKey } from './conditions.js';
import type { IssueList } from './issues.js';
import type { CredentialTemplate } from './types.js';

export const MAX_EXTRA_KEYS = 64;
const TOP_LEVEL = ['username', 'host', 'purpose', 'name', 'description', 'labels', 'expiresAt'];
const SECRET_SUFFIX = /(password|passwd|passphrase|pwd|secret|secretkey|token|apikey|privatekey)$/;
const PUT_IN_SECRET = 'put secrets in `secret`, never in `extra` (extra is stored and shown unencrypted)';

/** Named like a secret: `password`, `db_password`, `apiKey`, `auth-token`, `client_secret`. */
export function looksSecret(key: string): boolean {
  return SECRET_SUFFIX.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** Validates `extra` and returns it as an object (empty when absent or unusable). */
export function checkExtra(issues: IssueList, template: CredentialTemplate | undefined, extra: unknown): Record<string, unknown> {
  if (extra === undefined || extra === null) return {};
  if (!isPlainObject(extra)) {
    issues.add('extra', 'must be an object of non-secret settings, e.g. {"port": 5432}');
    return {};
  }
  const keys = Object.keys(extra);
  if (keys.length > MAX_EXTRA_KEYS) issues.add('extra', `at most ${MAX_EXTRA_KEYS} settings; got ${keys.length}`);
  const declared = new Set(template ? extraKeys(template) : []);
  const secretNames = new Set(template?.fields.filter((f) => f.target === 'secret').map((f) => f.name));
  for (const key of keys) {
    const path = `extra.${key}`;
    if (!declared.has(key) && (secretNames.has(key) || looksSecret(key))) {
      issues.add(path, PUT_IN_SECRET);
    } else if (!isJsonValue(extra[key])) {
      issues.add(path, 'must be a JSON value (string, number, boolean, null, array or object), nested at most 16 levels');
    } else if (template && template.type !== 'custom' && !declared.has(key)) {
      issues.add(path, unknownKeyProblem(template, key, declared));
    } else {
      checkNestedKeys(issues, path, extra[key]);
    }
  }
  return extra;
}

/** The `extra` keys a template takes: its fields' own, then their aliases. */
export function extraKeys(template: CredentialTemplate): string[] {
  const own = template.fields.map(extraKey).filter((key) => key !== undefined);
  const aliases = template.fields.flatMap((field) => (field.aliases ?? []).map((alias) => alias.slice('extra.'.length)));
  return [...new Set([...own, ...aliases])];
}

function unknownKeyProblem(template: CredentialTemplate, key: string, declared: Set<string>): string {
  const topLevel = template.fields.find((field) => field.name === key && extraKey(field) === undefined);
  if (topLevel || TOP_LEVEL.includes(key)) return `set it as the top-level \`${topLevel?.target ?? key}\` field, not in extra`;
  const allowed = declared.size > 0 ? `allowed: ${[...declared].join(', ')}` : 'this type takes no extra settings';
  return `unknown setting for type '${template.type}'; ${allowed}`;
}

/** Free-form (custom) values may nest; a secret-named key anywhere inside is still a secret. */
function checkNestedKeys(issues: IssueList, path: string, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkNestedKeys(issues, `${path}.${index}`, item));
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (looksSecret(key)) issues.add(`${path}.${key}`, PUT_IN_SECRET);
      else checkNestedKeys(issues, `${path}.${key}`, child);
    }
  }
}
