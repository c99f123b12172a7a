import { markReminded, type CredentialEvent, type MetadataChanges } from '#domain';
import type { CredentialView } from './credential-view.js';

type ExpiryEvent = Extract<CredentialEvent, { type: 'CredentialExpiryReminded' | 'CredentialExpired' }>;

/**
 * The same rule as the domain's mark, on the row: the most urgent reminder
 * of the current expiry date, and `expired` once the expiry is recorded. A
 * reminder is nobody's change, so updatedAt/updatedBy stay.
 */
export function evolveExpiryView(doc: CredentialView, event: ExpiryEvent, version: number): CredentialView {
  const previous =
    doc.expiryRemindedSeconds === null || doc.expiresAt === null
      ? undefined
      : { expiresAt: doc.expiresAt, downToSeconds: doc.expiryRemindedSeconds };
  const mark = markReminded(previous, event);
  return { ...doc, version, expiryRemindedSeconds: mark.downToSeconds, expired: doc.expired || mark.downToSeconds === 0 };
}

/** A new expiry date (or none) re-arms every reminder and clears `expired`. */
export function rearmExpiryView(doc: CredentialView, changes: MetadataChanges): CredentialView {
  return changes.expiresAt === undefined ? doc : { ...doc, expired: false, expiryRemindedSeconds: null };
}
