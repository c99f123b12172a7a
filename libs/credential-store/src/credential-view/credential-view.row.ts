import { isoOrNull } from '#database';
import { foldName, type CredentialStatus, type TestStatus } from '#domain';
import type { CredentialView } from './credential-view.js';

/** The columns the writer sets, by their names in kl_credentials. */
export const VIEW_COLUMNS = [
  'id',
  'tenant',
  'name',
  'name_key',
  'type',
  'username',
  'host',
  'purpose',
  'extra',
  'labels',
  'description',
  'expires_at',
  'status',
  'version',
  'secret_version',
  'secret_preview',
  'secret_ciphertext',
  'dek_id',
  'created_at',
  'updated_at',
  'rotated_at',
  'last_used_at',
  'last_tested_at',
  'last_test_status',
  'last_test_error',
  'created_by',
  'updated_by',
  'expired',
  'expiry_reminded_seconds',
] as const;

export interface CredentialRow {
  id: string;
  tenant: string;
  name: string;
  /** foldName(name): the key lookups by name match on. */
  name_key: string;
  type: string;
  username: string | null;
  host: string | null;
  purpose: string | null;
  extra: Record<string, unknown>;
  labels: string[];
  description: string | null;
  expires_at: Date | string | null;
  status: CredentialStatus;
  version: string | number;
  secret_version: number;
  secret_preview: string | null;
  secret_ciphertext: string | null;
  dek_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  rotated_at: Date | string | null;
  last_used_at: Date | string | null;
  last_tested_at: Date | string | null;
  last_test_status: TestStatus | null;
  last_test_error: string | null;
  created_by: string;
  updated_by: string;
  expired: boolean;
  expiry_reminded_seconds: number | null;
}

// MikroORM 7 returns timestamptz as Postgres text; normalise to ISO-8601.

export function fromRow(row: CredentialRow): CredentialView {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    type: row.type,
    username: row.username,
    host: row.host,
    purpose: row.purpose,
    extra: row.extra,
    labels: row.labels,
    description: row.description,
    expiresAt: isoOrNull(row.expires_at),
    status: row.status,
    version: Number(row.version),
    secretVersion: row.secret_version,
    secretPreview: row.secret_preview,
    secretCiphertext: row.secret_ciphertext,
    dekId: row.dek_id,
    createdAt: isoOrNull(row.created_at)!,
    updatedAt: isoOrNull(row.updated_at)!,
    rotatedAt: isoOrNull(row.rotated_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    lastTestedAt: isoOrNull(row.last_tested_at),
    lastTestStatus: row.last_test_status,
    lastTestError: row.last_test_error,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    expired: row.expired,
    expiryRemindedSeconds: row.expiry_reminded_seconds,
  };
}

/**
 * The row as a JSON object keyed by column, for jsonb_populate_recordset:
 * JSON carries nulls, arrays and objects as they are, so many rows travel
 * as one parameter.
 */
export function toRecord(v: CredentialView): Record<(typeof VIEW_COLUMNS)[number], unknown> {
  return {
    id: v.id,
    tenant: v.tenant,
    name: v.name,
    name_key: foldName(v.name),
    type: v.type,
    username: v.username,
    host: v.host,
    purpose: v.purpose,
    extra: v.extra,
    labels: v.labels,
    description: v.description,
    expires_at: v.expiresAt,
    status: v.status,
    version: v.version,
    secret_version: v.secretVersion,
    secret_preview: v.secretPreview,
    secret_ciphertext: v.secretCiphertext,
    dek_id: v.dekId,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    rotated_at: v.rotatedAt,
    last_used_at: v.lastUsedAt,
    last_tested_at: v.lastTestedAt,
    last_test_status: v.lastTestStatus,
    last_test_error: v.lastTestError,
    created_by: v.createdBy,
    updated_by: v.updatedBy,
    expired: v.expired,
    expiry_reminded_seconds: v.expiryRemindedSeconds,
  };
}
