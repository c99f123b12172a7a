import { Migration } from '@mikro-orm/migrations';

// The keyed seal over the whole log, the auditors' projections, and the index
// the per-tenant event feed reads in log order.

// Same SQLSTATE as kl_events' guard; the message names the table refused.
const CREATE_REFUSE_MUTATION_FN = `create function kl_refuse_mutation() returns trigger
language plpgsql as $$
begin
  raise exception using errcode = 'KL001', message = tg_table_name || ' is append-only';
end
$$`;

// One row per sealed event, in seal order (seal_seq 1, 2, ...), which is the
// log order (transaction_id, global_position) the sealer walks. The MAC
// chains each seal to the one before it under a key derived from the KEK
// named in kek_id; see #event-store's README.
const CREATE_SEALS = `create table kl_event_seals (
  seal_seq bigint primary key,
  global_position bigint not null unique,
  transaction_id xid8 not null,
  event_hash bytea not null,
  kek_id text not null,
  mac bytea not null,
  sealed_at timestamptz not null default now())`;

const SEALS_APPEND_ONLY = [
  `create trigger kl_event_seals_no_update_delete before update or delete on kl_event_seals
    for each row execute function kl_refuse_mutation()`,
  `create trigger kl_event_seals_no_truncate before truncate on kl_event_seals
    for each statement execute function kl_refuse_mutation()`,
];

const INDEX_EVENTS_TENANT = `create index kl_events_tenant_order_idx on kl_events (tenant, transaction_id, global_position)`;

// A projection (rebuilt by truncate + replay), so not append-only. Entries
// keep the log order of their event: a keyset cursor over
// (transaction_id, position, entry_index) is stable, new entries only ever
// sort after the existing ones.
const CREATE_AUDIT_TRAIL = `create table kl_audit_trail (
  transaction_id xid8 not null,
  position bigint not null,
  entry_index smallint not null,
  event_id uuid not null,
  event_type text not null,
  tenant text not null,
  at timestamptz not null,
  actor text not null,
  action text not null,
  outcome text not null,
  credential_id text,
  details jsonb not null default '{}',
  primary key (position, entry_index))`;

const AUDIT_INDEXES = [
  `create index kl_audit_trail_tenant_order_idx on kl_audit_trail (tenant, transaction_id, position, entry_index)`,
  `create index kl_audit_trail_credential_idx on kl_audit_trail (tenant, credential_id, transaction_id, position, entry_index)`,
  `create index kl_audit_trail_actor_idx on kl_audit_trail (tenant, actor, transaction_id, position, entry_index)`,
];

// Written by the usage consumer, never on the reveal path: concurrent reveals
// of one credential do not contend on any row.
const CREATE_USAGE = `create table kl_credential_usage (
  credential_id uuid primary key,
  last_used_at timestamptz not null,
  reveal_count bigint not null)`;

export class AuditAndSealsMigration extends Migration {
  override name = '0005_audit_and_seals';

  up(): void {
    for (const sql of [CREATE_REFUSE_MUTATION_FN, CREATE_SEALS, ...SEALS_APPEND_ONLY, INDEX_EVENTS_TENANT]) this.addSql(sql);
    for (const sql of [CREATE_AUDIT_TRAIL, ...AUDIT_INDEXES, CREATE_USAGE]) this.addSql(sql);
  }

  override down(): void {
    for (const sql of ['drop table kl_credential_usage', 'drop table kl_audit_trail', 'drop index kl_events_tenant_order_idx'])
      this.addSql(sql);
    this.addSql('drop table kl_event_seals');
    this.addSql('drop function kl_refuse_mutation()');
  }
}
