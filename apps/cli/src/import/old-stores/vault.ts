// The per-user vault of the Secure Credentials System: `.credentials/vault.enc`
// is one Fernet token (under CREDENTIAL_MASTER_KEY) over a JSON document of
// users and their database credentials. Accepted shapes: entries keyed
// `<user>_<name>` each with its `owner`, or `{"<user>": {"<name>": {...}}}`,
// either optionally under `credentials` or `users`. An entry holds name,
// owner, db_type, host, port, database, username, password, description; a
// password may itself be a Fernet token under the same key. Personal
// credentials do not exist in Keyledger: each becomes a system credential
// labelled `user:<owner>`, named `<owner>/<name>`.
import { FernetError, fernetDecrypt, type FernetKey } from '#crypto';
import { CliError } from '../../errors.js';
import type { CredentialBody, ImportPlan } from '#env-import';
import { defined } from '#env-import';
import { fernetText, planRows, userLabel } from './plan-rows.js';
import { text, type Row } from './rows.js';

interface VaultEntry {
  owner: string;
  name: string;
  row: Row;
}

const FERNET_TOKEN = /^gAAAAA[A-Za-z0-9_-]{90,}={0,2}$/;
const DRIVERS: Record<string, { type: 'postgres' | 'mysql' | 'redis' } | { driver: string }> = {
  postgres: { type: 'postgres' },
  postgresql: { type: 'postgres' },
  mysql: { type: 'mysql' },
  mariadb: { type: 'mysql' },
  redis: { type: 'redis' },
  sqlserver: { driver: 'sqlserver' },
  mssql: { driver: 'sqlserver' },
  mongodb: { driver: 'mongodb' },
  mongo: { driver: 'mongodb' },
};

/** The vault's document; a wrong key or a changed byte refuses the whole file (it is one token). */
export function openVault(token: string, key: FernetKey): unknown {
  let plaintext: Buffer;
  try {
    plaintext = fernetDecrypt(token, key);
  } catch (error) {
    if (error instanceof FernetError) throw new CliError(`the vault does not open: ${error.message}`);
    throw error;
  }
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new CliError('the vault opened but holds no JSON document');
  }
}

export function planVault(document: unknown, key: FernetKey): ImportPlan {
  return planRows(
    vaultEntries(document),
    (entry) => `${entry.owner}/${entry.name}`,
    ({ owner, name, row }) => {
      const stored = text(row, 'password');
      if (stored === undefined) return { skip: 'no password stored' };
      const secret = FERNET_TOKEN.test(stored) ? fernetText(stored, key, 'the password') : stored;
      const dbType = (text(row, 'db_type') ?? 'postgres').toLowerCase();
      const kind = DRIVERS[dbType] ?? { driver: 'other' };
      const port = Number(text(row, 'port'));
      const settings = {
        port: Number.isInteger(port) && port > 0 ? port : undefined,
        database: text(row, 'database'),
      };
      const common = {
        name: `${owner}/${name}`,
        host: text(row, 'host') ?? null,
        username: text(row, 'username') ?? null,
        labels: [userLabel(owner)],
        description: text(row, 'description') ?? `imported from the vault of ${owner}`,
        secret,
      };
      const body: CredentialBody =
        'type' in kind
          ? { ...common, type: kind.type, extra: defined(kind.type === 'redis' ? { port: settings.port } : settings) }
          : { ...common, type: 'db_dsn', extra: defined({ ...settings, driver: kind.driver, secret_format: 'password' }) };
      const notes = 'driver' in kind ? [`db_type ${dbType}: kept as a db_dsn`] : [];
      return { body, notes, rowKey: `vault:${owner}:${name}` };
    },
  );
}

function vaultEntries(document: unknown): VaultEntry[] {
  const root = objectOf(document) ?? {};
  const top = objectOf(root.credentials) ?? objectOf(root.users) ?? root;
  const entries: VaultEntry[] = [];
  for (const [key, value] of Object.entries(top)) {
    const item = objectOf(value);
    if (!item) continue;
    const owner = text(item, 'owner') ?? text(item, 'user_id');
    if (owner !== undefined || 'password' in item) {
      entries.push({ owner: owner ?? 'unknown', name: text(item, 'name') ?? key, row: item });
      continue;
    }
    for (const [name, credential] of Object.entries(item)) {
      const row = objectOf(credential);
      if (row) entries.push({ owner: key, name: text(row, 'name') ?? name, row });
    }
  }
  return entries;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
