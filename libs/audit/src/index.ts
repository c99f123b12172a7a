// Public surface of #audit: the audit trail and credential usage, both projected from the event log.
export type { AuditEntry, AuditOutcome } from './types.js';
export { toAuditEntries } from './map.js';
export { writeAuditEntries } from './audit-trail.writer.js';
export { AUDIT_TRAIL_PROJECTION, catchUpAuditTrail, projectAuditTrail, rebuildAuditTrail } from './audit-trail.projection.js';
export { usageOf, type CredentialUsage } from './usage.js';
export { USAGE_PROJECTION, catchUpUsage, projectUsage, readLastUsed, rebuildUsage } from './usage.projection.js';
