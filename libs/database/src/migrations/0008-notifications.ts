import { Migration } from '@mikro-orm/migrations';

// Expiry reminders on the credential read model, and webhooks.

// Maintained by the credential projection: reset when expires_at changes.
const CREDENTIAL_EXPIRY_COLUMNS = `alter table kl_credentials
  add column expired boolean not null default false,
  add column expiry_reminded_seconds integer`;

// The expiry scanner's one query: active credentials not yet marked
// expired, by expiry date. Expired ones leave the index, so a scan reads only
// what may still be due.
const INDEX_EXPIRY_DUE = `create index kl_credentials_expiry_due_idx on kl_credentials (expires_at, id)
  where status = 'active' and not expired and expires_at is not null`;

// Read model of the webhook streams, written in the transaction of the append.
const CREATE_WEBHOOKS = `create table kl_webhooks (
  id uuid primary key,
  tenant text not null,
  url text not null,
  events text[] not null,
  description text,
  active boolean not null,
  version bigint not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  created_by text not null,
  updated_by text not null)`;

const INDEX_WEBHOOKS_TENANT = `create index kl_webhooks_tenant_created_idx on kl_webhooks (tenant, created_at, id)`;

// Signing secrets, sealed under their own data key (kl_data_keys, bound to
// the webhook id). Like a token's hash, never in the log: deleting a webhook
// deletes this row and shreds the key.
const CREATE_WEBHOOK_SECRETS = `create table kl_webhook_secrets (
  webhook_id uuid primary key,
  ciphertext text not null,
  dek_id uuid not null)`;

// One row per (webhook, event): its outcome, without an event per attempt.
const CREATE_DELIVERIES = `create table kl_webhook_deliveries (
  id uuid primary key,
  tenant text not null,
  webhook_id uuid not null,
  event_id uuid not null,
  notification_type text not null,
  status text not null,
  attempts integer not null default 0,
  replays integer not null default 0,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  unique (webhook_id, event_id))`;

const INDEX_DELIVERIES_LIST = `create index kl_webhook_deliveries_list_idx on kl_webhook_deliveries (webhook_id, created_at, id)`;

export class NotificationsMigration extends Migration {
  override name = '0008_notifications';

  up(): void {
    for (const sql of [CREDENTIAL_EXPIRY_COLUMNS, INDEX_EXPIRY_DUE, CREATE_WEBHOOKS, INDEX_WEBHOOKS_TENANT]) this.addSql(sql);
    for (const sql of [CREATE_WEBHOOK_SECRETS, CREATE_DELIVERIES, INDEX_DELIVERIES_LIST]) this.addSql(sql);
  }

  override down(): void {
    for (const table of ['kl_webhook_deliveries', 'kl_webhook_secrets', 'kl_webhooks']) this.addSql(`drop table ${table}`);
    this.addSql('drop index kl_credentials_expiry_due_idx');
    this.addSql('alter table kl_credentials drop column expired, drop column expiry_reminded_seconds');
  }
}
