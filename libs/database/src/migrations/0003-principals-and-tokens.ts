import { Migration } from '@mikro-orm/migrations';

// Principals and their tokens, kept in the same transaction as the events of
// the principal's stream. A token's secret hash is not in the log (the log
// is readable by auditors): like a data key, it lives only here.
const CREATE_PRINCIPALS = `create table kl_principals (
  id uuid primary key,
  tenant text not null,
  name text not null,
  role text not null,
  teams text[] not null default '{}',
  version bigint not null,
  created_at timestamptz not null,
  created_by text not null)`;

// Unique here (unlike credential names) because principals are never renamed.
const INDEX_PRINCIPALS_NAME = `create unique index kl_principals_tenant_name_idx on kl_principals (tenant, name)`;

const CREATE_TOKENS = `create table kl_tokens (
  id uuid primary key,
  principal_id uuid not null references kl_principals (id),
  tenant text not null,
  secret_hash text not null,
  description text,
  expires_at timestamptz,
  created_at timestamptz not null,
  created_by text not null,
  revoked_at timestamptz,
  revoked_by text)`;

const INDEX_TOKENS_PRINCIPAL = `create index kl_tokens_principal_idx on kl_tokens (principal_id)`;
const INDEX_TOKENS_TENANT = `create index kl_tokens_tenant_created_idx on kl_tokens (tenant, created_at, id)`;

export class PrincipalsAndTokensMigration extends Migration {
  override name = '0003_principals_and_tokens';

  up(): void {
    for (const sql of [CREATE_PRINCIPALS, INDEX_PRINCIPALS_NAME, CREATE_TOKENS, INDEX_TOKENS_PRINCIPAL, INDEX_TOKENS_TENANT]) {
      this.addSql(sql);
    }
  }

  override down(): void {
    this.addSql('drop table kl_tokens');
    this.addSql('drop table kl_principals');
  }
}
