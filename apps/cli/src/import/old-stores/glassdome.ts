// Glassdome's credentials table: id, user_id, name, service_type (proxmox,
// azure, aws, openai, anthropic...), encrypted_data (a Fernet token over a
// JSON object of the service's fields), encryption_key_id, config (jsonb:
// host, region...), status, last_tested_at, last_test_status, created_at,
// updated_at, expires_at. The catalogue's seed names map service_type and
// the fields of config and of the decrypted object.
import type { FernetKey } from '#crypto';
import type { ImportPlan } from '#env-import';
import { RowFailure, fernetText, planRows, rowName } from './plan-rows.js';
import { instant, jsonObject, text, type Row } from './rows.js';
import { seedTarget, translate } from './seed-names.js';

export const GLASSDOME_TABLE = 'credentials';

export function planGlassdome(rows: Row[], key: FernetKey, table: string, now = Date.now()): ImportPlan {
  return planRows(
    rows,
    (row, index) => rowName(table, text(row, 'id'), index, text(row, 'name')),
    (row) => {
      const id = text(row, 'id');
      const name = text(row, 'name');
      const serviceType = text(row, 'service_type');
      if (name === undefined) return { skip: 'no name' };
      const target = serviceType === undefined ? undefined : seedTarget('glassdome', serviceType);
      if (!target) return { skip: `service type ${serviceType ?? '(none)'} has no Keyledger template` };
      const status = text(row, 'status');
      if (status === 'deleted' || status === 'inactive' || status === 'disabled') return { skip: `status ${status} in Glassdome` };
      const expiresAt = instant(row, 'expires_at');
      if (expiresAt !== undefined && Date.parse(expiresAt) <= now) return { skip: `expired on ${expiresAt}` };
      const token = text(row, 'encrypted_data');
      if (token === undefined) return { skip: 'no encrypted_data stored' };
      const secrets = secretFields(fernetText(token, key, 'encrypted_data'));
      const config = jsonObject(row, 'config') ?? {};
      const authMethod = secrets.auth_method ?? config.auth_method;
      // Proxmox keeps a password or a token; the auth method says which is the secret.
      if (authMethod === 'api_token') delete secrets.password;
      else if (authMethod === 'password') delete secrets.token_value;
      const { body, secret, notes } = translate(target, { name, service_type: serviceType, ...config }, secrets);
      if (secret === undefined) return { skip: `encrypted_data holds no field ${target.type} keeps as its secret` };
      const owner = text(row, 'user_id');
      const description = `imported from Glassdome (${table} #${id ?? '?'}${owner ? `, user ${owner}` : ''})`;
      return {
        body: { ...body, name, description, secret, ...(expiresAt ? { expiresAt } : {}) },
        notes,
        ...(id ? { rowKey: `glassdome:${table}:${id}` } : {}),
      };
    },
  );
}

function secretFields(plaintext: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    throw new RowFailure('encrypted_data decrypted, but is not a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RowFailure('encrypted_data decrypted, but is not a JSON object');
  return { ...(parsed as Record<string, unknown>) };
}
