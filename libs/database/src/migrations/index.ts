import type { MigrationObject } from '@mikro-orm/core';
import { EventLogMigration } from './0001-event-log.js';
import { KeysAndReadModelMigration } from './0002-keys-and-read-model.js';
import { PrincipalsAndTokensMigration } from './0003-principals-and-tokens.js';
import { GrantsMigration } from './0004-grants.js';
import { AuditAndSealsMigration } from './0005-audit-and-seals.js';
import { CredentialTestsMigration } from './0006-credential-tests.js';
import { KeyRotationsMigration } from './0007-key-rotations.js';
import { NotificationsMigration } from './0008-notifications.js';
import { DisplayNamesMigration } from './0009-display-names.js';
import { HostPurposeReservationsMigration } from './0010-host-purpose-reservations.js';
import { LogNotifyMigration } from './0011-log-notify.js';

// Applied in this order. Listing classes (not file paths) keeps compiled builds
// independent of where the migration files end up. Never edit an applied
// migration: add a new one at the end.
export const migrationsList: MigrationObject[] = [
  { name: '0001_event_log', class: EventLogMigration },
  { name: '0002_keys_and_read_model', class: KeysAndReadModelMigration },
  { name: '0003_principals_and_tokens', class: PrincipalsAndTokensMigration },
  { name: '0004_grants', class: GrantsMigration },
  { name: '0005_audit_and_seals', class: AuditAndSealsMigration },
  { name: '0006_credential_tests', class: CredentialTestsMigration },
  { name: '0007_key_rotations', class: KeyRotationsMigration },
  { name: '0008_notifications', class: NotificationsMigration },
  { name: '0009_display_names', class: DisplayNamesMigration },
  { name: '0010_host_purpose_reservations', class: HostPurposeReservationsMigration },
  { name: '0011_log_notify', class: LogNotifyMigration },
];
