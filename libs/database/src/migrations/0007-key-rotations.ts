import { Migration } from '@mikro-orm/migrations';

// Progress of master-key rotations, written in the same transactions as the
// rotation's events (GET /v1/keys/rotations/{id} reads it). Rotations are
// process-wide, not per tenant: at most one is pending or running at a time.
const CREATE_ROTATIONS = `create table kl_key_rotations (
  rotation_id uuid primary key,
  mode text not null,
  target_kek_id text not null,
  status text not null,
  total int not null default 0,
  done int not null default 0,
  failed int not null default 0,
  batches int not null default 0,
  reason text,
  requested_by text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  updated_at timestamptz not null default now())`;

const ONE_OPEN_ROTATION = `create unique index kl_key_rotations_one_open_idx on kl_key_rotations ((true))
  where status in ('pending', 'running')`;

// The work list a rotation's batches take from (`for update skip locked`):
// one row per data key still to process, deleted in the batch transaction
// that processes it; `failed` marks a data key that could not be unwrapped.
const CREATE_ITEMS = `create table kl_key_rotation_items (
  rotation_id uuid not null,
  dek_id uuid not null,
  credential_id uuid not null,
  failed boolean not null default false,
  primary key (rotation_id, dek_id))`;

export class KeyRotationsMigration extends Migration {
  override name = '0007_key_rotations';

  up(): void {
    for (const sql of [CREATE_ROTATIONS, ONE_OPEN_ROTATION, CREATE_ITEMS]) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table kl_key_rotation_items');
    this.addSql('drop table kl_key_rotations');
  }
}
