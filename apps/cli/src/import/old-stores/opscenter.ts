// Ops-Center's three Fernet-encrypted tables (key: its ENCRYPTION_KEY):
//   encrypted_credentials (id, user_id, service, credential_type, encrypted_value, encrypted_at, metadata text JSON)
//   service_credentials   (id, user_id (null: system), service, credential_type, encrypted_value, is_system_level, test_status)
//   user_provider_keys    (id, user_id, provider, encrypted_key, enabled, metadata JSON: label, endpoint)
// System credentials and per-user keys are kept apart: a per-user one is
// labelled `user:<id>` and its name ends with `(<id>)`, a system one has
// neither. A service or provider the catalogue does not know becomes an
// api_key with extra.provider.
import type { FernetKey } from '#crypto';
import type { ImportPlan } from '#env-import';
import { fernetText, planRows, rowName, userLabel, type RowOutcome } from './plan-rows.js';
import { jsonObject, text, type Row } from './rows.js';
import { prefixed, seedTarget, translate, type SeedTarget } from './seed-names.js';

export const OPSCENTER_TABLES = ['encrypted_credentials', 'service_credentials', 'user_provider_keys'] as const;
export type OpsCenterTable = (typeof OPSCENTER_TABLES)[number];

/** Provider keys: the column's name differs between Ops-Center versions. */
const KEY_COLUMNS = ['encrypted_key', 'api_key_encrypted', 'encrypted_api_key', 'encrypted_value'];

export function planOpsCenter(tables: Map<OpsCenterTable, Row[]>, key: FernetKey): ImportPlan {
  const plans = OPSCENTER_TABLES.filter((table) => tables.has(table)).map((table) =>
    planRows(
      tables.get(table)!,
      (row, index) => rowName(table, text(row, 'id'), index, label(row)),
      (row) => (table === 'user_provider_keys' ? providerKey(row, key) : serviceCredential(table, row, key)),
    ),
  );
  return {
    entries: plans.flatMap((plan) => plan.entries),
    skipped: plans.flatMap((plan) => plan.skipped),
    failed: plans.flatMap((plan) => plan.failed ?? []),
  };
}

function label(row: Row): string {
  const what = text(row, 'provider') ?? [text(row, 'service'), text(row, 'credential_type')].filter(Boolean).join(' ');
  const user = text(row, 'user_id');
  return user ? `${what}, user ${user}` : what;
}

function serviceCredential(table: OpsCenterTable, row: Row, key: FernetKey): RowOutcome {
  const service = text(row, 'service');
  const credentialType = text(row, 'credential_type');
  if (service === undefined) return { skip: 'no service' };
  const token = text(row, 'encrypted_value');
  if (token === undefined) return { skip: 'no encrypted_value stored' };
  const secret = fernetText(token, key);
  const user = row.is_system_level === true ? undefined : text(row, 'user_id');
  const { service: _, ...metadata } = jsonObject(row, 'metadata') ?? {};
  const target = targetOf(service);
  const serviceField = 'service' in target.fields ? 'service' : 'provider';
  const secretField = 'secret' in target.fields ? 'secret' : 'key';
  // credential_type names the credential (below); it is a setting only where the seed names place it.
  const typeSetting = 'credential_type' in target.fields ? { credential_type: credentialType } : {};
  const settings = { [serviceField]: service, ...typeSetting, ...prefixed('metadata.', metadata) };
  const translated = translate(target, settings, { [secretField]: secret });
  const name = [service, credentialType].filter(Boolean).join(' ');
  return entry(table, row, translated, user, name, secret);
}

function providerKey(row: Row, key: FernetKey): RowOutcome {
  const provider = text(row, 'provider');
  const user = text(row, 'user_id');
  if (provider === undefined) return { skip: 'no provider' };
  if (row.enabled === false) return { skip: 'disabled in Ops-Center' };
  const column = KEY_COLUMNS.find((name) => text(row, name) !== undefined);
  if (column === undefined) return { skip: `no encrypted key stored (${KEY_COLUMNS.join(', ')})` };
  const secret = fernetText(text(row, column)!, key);
  const metadata = jsonObject(row, 'metadata') ?? {};
  const target = targetOf(provider);
  const translated = translate(target, { provider, ...metadata }, { key: secret });
  return entry('user_provider_keys', row, translated, user, translated.body.name ?? provider, secret);
}

function targetOf(service: string): SeedTarget {
  return (
    seedTarget('ops-center', service.toLowerCase()) ?? {
      type: 'api_key',
      fields: { provider: 'extra.provider', service: 'extra.provider', key: 'secret', secret: 'secret', label: 'name' },
    }
  );
}

function entry(
  table: OpsCenterTable,
  row: Row,
  translated: ReturnType<typeof translate>,
  user: string | undefined,
  name: string,
  secret: string,
): RowOutcome {
  const id = text(row, 'id');
  const { name: _, ...body } = translated.body;
  const owner = user ? `, user ${user}` : ', system';
  return {
    body: {
      ...body,
      name: user ? `${name} (${user})` : name,
      ...(user ? { labels: [userLabel(user)] } : {}),
      description: `imported from Ops-Center (${table} #${id ?? '?'}${owner})`,
      secret,
    },
    notes: translated.notes,
    ...(id ? { rowKey: `opscenter:${table}:${id}` } : {}),
  };
}
