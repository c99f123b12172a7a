// The database work of the baseline server, statement for statement the
// same as Keyledger's hot path so the ratio measures everything *but* the
// database: the framework, auth, validation, crypto and the ORM.

/**
 * Keyledger's reveal read (reveal-secret.queries.ts, BY_ID): the credential row
 * joined with its wrapped data key, and the caller's grants on it
 * (access/grant-scope.sql.ts). Parameters: id, tenant, caller id, caller teams (JSON).
 */
export const SELECT_REVEAL = `select c.id, c.tenant, c.name, c.type, c.username, c.extra, c.status, c.secret_version,
  c.secret_ciphertext, c.secret_preview, c.dek_id, k.wrapped,
  coalesce((select jsonb_agg(jsonb_build_object('grantee', jsonb_build_object('kind', g.grantee_kind, 'id', g.grantee_id),
    'permission', g.permission)) from kl_credential_grants g where g.credential_id = c.id
    and ((g.grantee_kind = 'principal' and g.grantee_id = $3)
      or (g.grantee_kind = 'team' and g.grantee_id in (select jsonb_array_elements_text($4::jsonb))))), '[]'::jsonb) as grants
  from kl_credentials c left join kl_data_keys k on k.dek_id = c.dek_id
  where c.id = $1 and c.tenant = $2`;

// Columns Keyledger's append returns (libs/event-store/src/rows.ts, EVENT_COLUMNS).
const RETURNING = `returning global_position, transaction_id, event_id, stream_id, stream_type, stream_version,
  tenant, type, data, metadata, extract(epoch from recorded_at) * 1000 as recorded_ms, hash, prev_hash`;

/**
 * Keyledger's access record (append-unversioned.ts): one INSERT, no version
 * check, position drawn and hash computed inside the statement.
 * Parameters: event_id, stream_id, stream_type, tenant, type, data, head, tail.
 */
export const INSERT_ACCESS_RECORD = `with p as (select nextval('kl_events_position_seq') as position)
insert into kl_events (global_position, event_id, stream_id, stream_type, stream_version, tenant, type,
  data, metadata, prev_hash, hash)
select p.position, $1, $2, $3, null, $4, $5, $6::jsonb, '{}'::jsonb, null,
  sha256(convert_to($7 || p.position::text || $8, 'UTF8'))
from p
${RETURNING}`;

/** Create, read side: is the name free in the tenant (Keyledger reserves names in this table). */
export const SELECT_NAME_TAKEN = `select stream_id from kl_name_reservations where tenant = $1 and name = $2`;

/**
 * Create, write side: the registration event as the first event of a new
 * stream. The unique (stream_id, stream_version) index is the concurrency
 * check Keyledger's versioned append relies on.
 * Parameters: event_id, stream_id, tenant, data, head, tail.
 */
export const INSERT_REGISTERED = `with p as (select nextval('kl_events_position_seq') as position)
insert into kl_events (global_position, event_id, stream_id, stream_type, stream_version, tenant, type,
  data, metadata, prev_hash, hash)
select p.position, $1, $2, 'credential', 1, $3, 'CredentialRegistered', $4::jsonb, '{}'::jsonb, null,
  sha256(convert_to($5 || p.position::text || $6, 'UTF8'))
from p
${RETURNING}`;
