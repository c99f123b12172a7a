// The secrets broker's secrets.host_credentials: id, host, purpose (winrm,
// ssh, rdp, http, database or its own), username, password_encrypted
// (AES-256-GCM under a key derived from SECRETS_KMS_KEY), domain,
// additional_data (jsonb), created_at, updated_at, created_by, updated_by.
// A purpose the catalogue knows picks the template; any other is a custom
// credential keeping its purpose.
import type { ImportPlan } from '#env-import';
import { brokerText, planRows, rowName } from './plan-rows.js';
import { jsonObject, text, type Row } from './rows.js';
import { seedTarget, translate } from './seed-names.js';

export const BROKER_TABLE = 'secrets.host_credentials';

const CUSTOM = {
  type: 'custom',
  fields: {
    host: 'host',
    purpose: 'purpose',
    username: 'username',
    password: 'secret',
    domain: 'extra.domain',
    additional_data: 'extra.additional_data',
  },
};

export function planBroker(rows: Row[], key: Buffer, table: string): ImportPlan {
  return planRows(
    rows,
    (row, index) => rowName(table, text(row, 'id'), index, [text(row, 'purpose'), text(row, 'host')].filter(Boolean).join('@')),
    (row) => {
      const id = text(row, 'id');
      const host = text(row, 'host');
      const purpose = text(row, 'purpose');
      if (host === undefined || purpose === undefined) return { skip: 'no host or purpose' };
      const stored = text(row, 'password_encrypted');
      if (stored === undefined) return { skip: 'no password stored' };
      const password = brokerText(stored, key);
      const known = seedTarget('secrets-broker', purpose);
      const target = known ?? CUSTOM;
      const settings = {
        host,
        purpose,
        username: text(row, 'username'),
        domain: text(row, 'domain'),
        additional_data: nonEmpty(jsonObject(row, 'additional_data')),
      };
      const { body, notes } = translate(target, settings, { password });
      // The broker keeps a password for SSH (its column says so); a key file pasted there is kept as a key.
      if (body.type === 'ssh') body.extra = { ...body.extra, auth_method: password.startsWith('-----BEGIN ') ? 'private_key' : 'password' };
      if (!known) notes.push(`purpose ${purpose}: kept as a custom credential`);
      const createdBy = text(row, 'created_by');
      const description = `imported from the secrets broker (${table} #${id ?? '?'}${createdBy ? `, created by ${createdBy}` : ''})`;
      return {
        body: { ...body, name: `${purpose}@${host}`, description, secret: password },
        notes,
        ...(id ? { rowKey: `broker:${table}:${id}` } : {}),
      };
    },
  );
}

function nonEmpty(object: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return object && Object.keys(object).length > 0 ? object : undefined;
}
