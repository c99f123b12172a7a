import { Migration } from '@mikro-orm/migrations';

// The log and the tables written in the same transaction as an append. Names are
// part of the contract: the API and the projections query them directly.

const CREATE_STREAMS = `create table kl_streams (
  stream_id text primary key,
  stream_type text not null,
  tenant text not null,
  version bigint not null,
  last_hash bytea not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now())`;

// Positions are drawn from the sequence before commit, so they do not follow
// commit order; consumers order by (transaction_id, global_position) instead.
const CREATE_POSITION_SEQ = `create sequence kl_events_position_seq as bigint`;

const CREATE_EVENTS = `create table kl_events (
  global_position bigint primary key default nextval('kl_events_position_seq'),
  transaction_id xid8 not null default pg_current_xact_id(),
  event_id uuid not null unique,
  stream_id text not null,
  stream_type text not null,
  stream_version bigint,
  tenant text not null,
  type text not null,
  data jsonb not null,
  metadata jsonb not null default '{}',
  recorded_at timestamptz not null default now(),
  prev_hash bytea,
  hash bytea not null,
  unique (stream_id, stream_version))`;

const OWN_POSITION_SEQ = `alter sequence kl_events_position_seq owned by kl_events.global_position`;
const INDEX_EVENTS_TX = `create index kl_events_transaction_position_idx on kl_events (transaction_id, global_position)`;
const INDEX_EVENTS_STREAM = `create index kl_events_stream_version_idx on kl_events (stream_id, stream_version)`;

// SQLSTATE KL001 is ours: callers and tests recognise a refused mutation by it.
const CREATE_APPEND_ONLY_FN = `create function kl_events_append_only() returns trigger
language plpgsql as $$
begin
  raise exception using errcode = 'KL001', message = 'kl_events is append-only';
end
$$`;

const CREATE_NO_UPDATE_DELETE = `create trigger kl_events_no_update_delete
  before update or delete on kl_events
  for each row execute function kl_events_append_only()`;

const CREATE_NO_TRUNCATE = `create trigger kl_events_no_truncate
  before truncate on kl_events
  for each statement execute function kl_events_append_only()`;

const CREATE_CHECKPOINTS = `create table kl_projection_checkpoints (
  name text primary key,
  transaction_id xid8 not null default '0',
  global_position bigint not null default 0,
  updated_at timestamptz not null default now())`;

const CREATE_IDEMPOTENCY = `create table kl_idempotency (
  tenant text not null,
  key text not null,
  fingerprint text not null,
  status_code int not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (tenant, key))`;

const CREATE_NAME_RESERVATIONS = `create table kl_name_reservations (
  tenant text not null,
  name text not null,
  stream_id text not null,
  primary key (tenant, name))`;

const UP = [
  CREATE_STREAMS,
  CREATE_POSITION_SEQ,
  CREATE_EVENTS,
  OWN_POSITION_SEQ,
  INDEX_EVENTS_TX,
  INDEX_EVENTS_STREAM,
  CREATE_APPEND_ONLY_FN,
  CREATE_NO_UPDATE_DELETE,
  CREATE_NO_TRUNCATE,
  CREATE_CHECKPOINTS,
  CREATE_IDEMPOTENCY,
  CREATE_NAME_RESERVATIONS,
];

const DOWN = [
  'drop table kl_name_reservations',
  'drop table kl_idempotency',
  'drop table kl_projection_checkpoints',
  'drop table kl_events',
  'drop function kl_events_append_only()',
  'drop table kl_streams',
];

export class EventLogMigration extends Migration {
  override name = '0001_event_log';

  up(): void {
    for (const sql of UP) this.addSql(sql);
  }

  override down(): void {
    for (const sql of DOWN) this.addSql(sql);
  }
}
