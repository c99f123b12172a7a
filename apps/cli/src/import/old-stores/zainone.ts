// ZainOne's credentials table: id, name, type (ssh, http_basic, bearer_token,
// db_dsn, api_key, custom), username, secret (a Fernet token under
// ORCH_CRED_KEY), extra (JSON), is_active, created_at, updated_at. Its types
// and fields are Keyledger's seed types; the catalogue's seed names place them.
import type { FernetKey } from '#crypto';
import type { ImportPlan } from '#env-import';
import { fernetText, planRows, rowName } from './plan-rows.js';
import { jsonObject, text, type Row } from './rows.js';
import { prefixed, seedTarget, translate } from './seed-names.js';

export const ZAINONE_TABLE = 'credentials';

export function planZainone(rows: Row[], key: FernetKey, table: string): ImportPlan {
  return planRows(
    rows,
    (row, index) => rowName(table, text(row, 'id'), index, text(row, 'name')),
    (row) => {
      const id = text(row, 'id');
      if (row.is_active === false) return { skip: 'inactive in ZainOne (is_active false)' };
      const type = text(row, 'type');
      const target = type === undefined ? undefined : seedTarget('zainone', type);
      if (!target) return { skip: `type ${type ?? '(none)'} has no Keyledger template` };
      const token = text(row, 'secret') ?? text(row, 'encrypted_secret');
      if (token === undefined) return { skip: 'no secret stored' };
      const secret = fernetText(token, key);
      const settings = { name: text(row, 'name'), username: text(row, 'username'), ...prefixed('extra.', jsonObject(row, 'extra')) };
      const { body, notes } = translate(target, settings);
      if (body.name === undefined) return { skip: 'no name' };
      const description = `imported from ZainOne (${table} #${id ?? '?'})`;
      return { body: { ...body, name: body.name, description, secret }, notes, ...(id ? { rowKey: `zainone:${table}:${id}` } : {}) };
    },
  );
}
