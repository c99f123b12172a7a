import { Migration } from '@mikro-orm/migrations';

// (host, purpose) is unique per tenant among active credentials, through a
// reservation per pair written in the write transaction (like
// kl_name_reservations); credentials without a host or a purpose hold none.
const CREATE_HOST_PURPOSE_RESERVATIONS = `create table kl_host_purpose_reservations (
  tenant text not null,
  host text not null,
  purpose text not null,
  stream_id text not null,
  primary key (tenant, host, purpose))`;

// The active credentials recorded before the rule. Where several share a
// pair, the most recently updated one (then the highest id) holds it, so the
// upgrade never fails on existing data; the others stay active without a
// reservation until they are changed, deactivated or destroyed.
const RESERVE_EXISTING = `insert into kl_host_purpose_reservations (tenant, host, purpose, stream_id)
select distinct on (tenant, host, purpose) tenant, host, purpose, 'credential-' || id
  from kl_credentials
  where status = 'active' and host is not null and host <> '' and purpose is not null and purpose <> ''
  order by tenant, host, purpose, updated_at desc, id desc`;

export class HostPurposeReservationsMigration extends Migration {
  override name = '0010_host_purpose_reservations';

  up(): void {
    this.addSql(CREATE_HOST_PURPOSE_RESERVATIONS);
    this.addSql(RESERVE_EXISTING);
  }

  override down(): void {
    this.addSql('drop table kl_host_purpose_reservations');
  }
}
