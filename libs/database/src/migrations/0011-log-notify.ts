import { Migration } from '@mikro-orm/migrations';

// Consumers of the log wait on LISTEN kl_events instead of sleeping between
// polls. Every statement that appends to kl_events notifies that channel,
// from the trigger, so no writer can forget to: the notification is queued
// in the appending transaction and delivered only when it commits (never for
// a rollback), and a transaction's identical notifications are folded into
// one. The payload is empty: a wake-up says only "the log has grown", the
// consumer reads from its checkpoint as always.
const CREATE_NOTIFY_FN = `create function kl_events_notify() returns trigger
language plpgsql as $$
begin
  perform pg_notify('kl_events', '');
  return null;
end
$$`;

const CREATE_NOTIFY_TRIGGER = `create trigger kl_events_notify
  after insert on kl_events
  for each statement execute function kl_events_notify()`;

// The unique constraint on (stream_id, stream_version) already has an index on
// exactly these columns; this second one only made every append write twice.
const DROP_DUPLICATE_INDEX = `drop index kl_events_stream_version_idx`;

// A rebuild of the credential view reads the credential streams' events in
// log order (the access records, most of a log, are of no use to it). A
// partial index holds exactly those, in that order, so each batch is a short
// index range whatever the planner's statistics say; reveals, which append
// access records, never write to it.
const INDEX_CREDENTIAL_ORDER = `create index kl_events_credential_order_idx on kl_events (transaction_id, global_position)
  where stream_type = 'credential'`;

export class LogNotifyMigration extends Migration {
  override name = '0011_log_notify';

  up(): void {
    this.addSql(CREATE_NOTIFY_FN);
    this.addSql(CREATE_NOTIFY_TRIGGER);
    this.addSql(DROP_DUPLICATE_INDEX);
    this.addSql(INDEX_CREDENTIAL_ORDER);
  }

  override down(): void {
    this.addSql('drop index kl_events_credential_order_idx');
    this.addSql(`create index kl_events_stream_version_idx on kl_events (stream_id, stream_version)`);
    this.addSql('drop trigger kl_events_notify on kl_events');
    this.addSql('drop function kl_events_notify()');
  }
}
