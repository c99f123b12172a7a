import { Migration } from '@mikro-orm/migrations';

// Grants in force, projected from CredentialGranted / CredentialGrantRevoked
// in the transaction that appends them (a revoked grant's row is deleted;
// the log keeps its history). Reveal and lookup check this table in their
// one SELECT, so a service needs no second read.
const CREATE_GRANTS = `create table kl_credential_grants (
  grant_id uuid primary key,
  credential_id uuid not null,
  grantee_kind text not null check (grantee_kind in ('principal', 'team')),
  grantee_id text not null,
  permission text not null check (permission in ('use', 'manage')),
  granted_at timestamptz not null,
  granted_by text not null)`;

// One grant per grantee and permission: the domain records nothing for a duplicate.
const INDEX_GRANTS_UNIQUE = `create unique index kl_credential_grants_grantee_idx
  on kl_credential_grants (credential_id, grantee_kind, grantee_id, permission)`;
// A service's listing starts from its own grants.
const INDEX_GRANTS_BY_GRANTEE = `create index kl_credential_grants_by_grantee_idx
  on kl_credential_grants (grantee_kind, grantee_id, credential_id)`;

export class GrantsMigration extends Migration {
  override name = '0004_grants';

  up(): void {
    for (const sql of [CREATE_GRANTS, INDEX_GRANTS_UNIQUE, INDEX_GRANTS_BY_GRANTEE]) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table kl_credential_grants');
  }
}
