import { Migration } from '@mikro-orm/migrations';

// Wrapped data keys live here, outside the immutable log, so destroying a
// credential can delete its key (crypto-shredding) and a KEK rotation can
// rewrap keys without touching events.
const CREATE_DATA_KEYS = `create table kl_data_keys (
  dek_id uuid primary key,
  credential_id uuid not null,
  kek_id text not null,
  wrapped text not null,
  created_at timestamptz not null default now(),
  rewrapped_at timestamptz)`;

const INDEX_DATA_KEYS_KEK = `create index kl_data_keys_kek_id_idx on kl_data_keys (kek_id)`;
const INDEX_DATA_KEYS_CREDENTIAL = `create index kl_data_keys_credential_id_idx on kl_data_keys (credential_id)`;

// Masked read model: never plaintext. The ciphertext and dek id are kept so a
// reveal needs one read, one unwrap, one decrypt.
const CREATE_CREDENTIALS = `create table kl_credentials (
  id uuid primary key,
  tenant text not null,
  name text not null,
  type text not null,
  username text,
  host text,
  purpose text,
  extra jsonb not null default '{}',
  labels text[] not null default '{}',
  description text,
  expires_at timestamptz,
  status text not null,
  version bigint not null,
  secret_version int not null,
  secret_preview text,
  secret_ciphertext text,
  dek_id uuid,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  rotated_at timestamptz,
  last_used_at timestamptz,
  last_tested_at timestamptz,
  last_test_status text,
  last_test_error text,
  created_by text not null,
  updated_by text not null)`;

// Not unique: names are unique through kl_name_reservations, in the write
// transaction. The read model follows log order, where a rename and the reuse
// of the old name by another credential may appear in either order.
const CREDENTIAL_INDEXES = [
  `create index kl_credentials_tenant_name_idx on kl_credentials (tenant, name)`,
  `create index kl_credentials_tenant_host_purpose_idx on kl_credentials (tenant, host, purpose)`,
  `create index kl_credentials_tenant_type_idx on kl_credentials (tenant, type)`,
  `create index kl_credentials_tenant_created_idx on kl_credentials (tenant, created_at, id)`,
  `create index kl_credentials_labels_idx on kl_credentials using gin (labels)`,
];

export class KeysAndReadModelMigration extends Migration {
  override name = '0002_keys_and_read_model';

  up(): void {
    for (const sql of [CREATE_DATA_KEYS, INDEX_DATA_KEYS_KEK, INDEX_DATA_KEYS_CREDENTIAL]) this.addSql(sql);
    this.addSql(CREATE_CREDENTIALS);
    for (const sql of CREDENTIAL_INDEXES) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table kl_credentials');
    this.addSql('drop table kl_data_keys');
  }
}
