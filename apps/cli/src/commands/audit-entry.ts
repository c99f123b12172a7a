// The audit trail's entries and pages as GET /v1/audit answers them.
export interface AuditEntry {
  position: number;
  eventId: string;
  eventType: string;
  at: string;
  actor: string;
  action: string;
  outcome: string;
  credentialId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}
