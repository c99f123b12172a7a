/** How an audited action ended. */
export type AuditOutcome = 'success' | 'denied' | 'failed';

/**
 * One line of the audit trail: who did what to which credential, when, and
 * how it ended. Derived from one event; never carries a secret or ciphertext.
 */
export interface AuditEntry {
  /** The event's global position and transaction id: the entry's place in log order. */
  position: number;
  transactionId: string;
  /** 0 for the first (usually only) entry of its event. */
  entryIndex: number;
  eventId: string;
  eventType: string;
  tenant: string;
  /** ISO-8601 instant of the action (the event's `at`, else when it was recorded). */
  at: string;
  actor: string;
  /** `created`, `revealed`, `denied`, ...; an unknown event type is its own action. */
  action: string;
  outcome: AuditOutcome;
  credentialId: string | null;
  details: Record<string, unknown>;
}
