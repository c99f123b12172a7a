import { Migration } from '@mikro-orm/migrations';

// Health checks. The result columns (last_tested_at, last_test_status,
// last_test_error) exist since 0002; this constrains the status to what the
// projection writes and indexes the scheduled scan, which pages through the
// active credentials of every tenant by id.
const CHECK_TEST_STATUS = `alter table kl_credentials
  add constraint kl_credentials_last_test_status_check check (last_test_status in ('ok', 'failed'))`;

const INDEX_ACTIVE = `create index kl_credentials_active_id_idx on kl_credentials (id) where status = 'active'`;

export class CredentialTestsMigration extends Migration {
  override name = '0006_credential_tests';

  up(): void {
    this.addSql(CHECK_TEST_STATUS);
    this.addSql(INDEX_ACTIVE);
  }

  override down(): void {
    this.addSql('drop index kl_credentials_active_id_idx');
    this.addSql('alter table kl_credentials drop constraint kl_credentials_last_test_status_check');
  }
}
