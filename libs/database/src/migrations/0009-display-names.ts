import { Migration } from '@mikro-orm/migrations';

// Credential names become display names, unique per tenant ignoring case.
//
// Names written under the previous rule are ASCII letters, digits, '.', '_',
// '/' and '-', for which lower(normalize(name, NFKC)) is exactly foldName of
// #domain (the key the application reserves and looks up by).

// The read model keeps the folded key next to the name: lookups by name
// and the list's `name` filter match on it.
const CREDENTIAL_NAME_KEY = [
  'alter table kl_credentials add column name_key text',
  'update kl_credentials set name_key = lower(normalize(name, NFKC))',
  'alter table kl_credentials alter column name_key set not null',
  'create index kl_credentials_tenant_name_key_idx on kl_credentials (tenant, name_key)',
];

// Reservations are re-keyed on the folded name. Two credentials of one tenant
// whose names differ only in case ("Prod-DB", "prod-db") cannot both hold the
// key: the older credential (created first; the stream id breaks a tie) keeps
// the reservation, the younger keeps its name but loses its reservation, so
// the upgrade never fails. The younger one takes a reservation again when it
// is renamed. Until then, a new credential still cannot take the name (the
// older one holds it), and a lookup by the name prefers the exact spelling.
const DROP_COLLIDING_RESERVATIONS = `with ranked as (
  select r.tenant, r.name,
    row_number() over (
      partition by r.tenant, lower(normalize(r.name, NFKC))
      order by c.created_at nulls last, r.stream_id) as rank
  from kl_name_reservations r
  left join kl_credentials c on r.stream_id = 'credential-' || c.id::text)
delete from kl_name_reservations r using ranked
  where ranked.rank > 1 and r.tenant = ranked.tenant and r.name = ranked.name`;

// After the delete no two rows of a tenant share a folded name, and a row's
// new key can only equal the current key of a row of its own group: the
// update never meets the primary key of another row.
const REKEY_RESERVATIONS = `update kl_name_reservations set name = lower(normalize(name, NFKC))
  where name <> lower(normalize(name, NFKC))`;

export class DisplayNamesMigration extends Migration {
  override name = '0009_display_names';

  up(): void {
    for (const sql of CREDENTIAL_NAME_KEY) this.addSql(sql);
    this.addSql(DROP_COLLIDING_RESERVATIONS);
    this.addSql(REKEY_RESERVATIONS);
  }

  // Reservations go back to the names as written (unique ignoring case, so
  // unique as written too).
  override down(): void {
    this.addSql(`update kl_name_reservations r set name = c.name
      from kl_credentials c where r.stream_id = 'credential-' || c.id::text and r.name <> c.name`);
    this.addSql('drop index kl_credentials_tenant_name_key_idx');
    this.addSql('alter table kl_credentials drop column name_key');
  }
}
