// Expiry reminders. A credential with `expiresAt` is reminded at thresholds
// before it (30d, 7d, 1d, ...) and marked expired at 0. Each threshold is
// recorded at most once per expiry date; a reminder covers every less urgent
// threshold too, so a late run that finds several due records only the most
// urgent one and the others never follow (they would announce more time than
// is left). Changing `expiresAt` re-arms them all.

import type { Credential, CredentialEvent, ExpiryReminderMark, MetadataChanges, RemindExpiry } from './types.js';

/** Whether the threshold `thresholdSeconds` before `expiresAt` has been reached at `now`. */
export function isExpiryDue(expiresAt: string, thresholdSeconds: number, now: string): boolean {
  return Date.parse(expiresAt) - thresholdSeconds * 1000 <= Date.parse(now);
}

/** Whether a reminder at `thresholdSeconds` for `expiresAt` is already recorded or covered by a more urgent one. */
export function isReminderCovered(mark: ExpiryReminderMark | undefined, expiresAt: string, thresholdSeconds: number): boolean {
  return mark !== undefined && mark.expiresAt === expiresAt && thresholdSeconds >= mark.downToSeconds;
}

/**
 * Records nothing for an inactive credential, a stale job (`expiresAt` has
 * changed since the scan), a threshold not reached yet, or one already
 * covered; otherwise the reminder, or CredentialExpired for threshold 0.
 */
export function remindExpiry(command: RemindExpiry, credential: Credential): CredentialEvent[] {
  const { credentialId, threshold, thresholdSeconds, expiresAt } = command.data;
  const { actor, now } = command.metadata;
  if (credential.status !== 'active' || credential.metadata.expiresAt !== expiresAt) return [];
  if (!isExpiryDue(expiresAt, thresholdSeconds, now)) return [];
  if (isReminderCovered(credential.expiryReminder, expiresAt, thresholdSeconds)) return [];
  if (thresholdSeconds === 0) return [{ type: 'CredentialExpired', data: { credentialId, actor, at: now, expiresAt } }];
  return [{ type: 'CredentialExpiryReminded', data: { credentialId, actor, at: now, threshold, thresholdSeconds, expiresAt } }];
}

type ExpiryEvent = Extract<CredentialEvent, { type: 'CredentialExpiryReminded' | 'CredentialExpired' }>;

/** The mark after a reminder: the most urgent threshold recorded for that expiry date. */
export function markReminded(mark: ExpiryReminderMark | undefined, event: ExpiryEvent): ExpiryReminderMark {
  const seconds = event.type === 'CredentialExpired' ? 0 : event.data.thresholdSeconds;
  const { expiresAt } = event.data;
  if (mark?.expiresAt !== expiresAt) return { expiresAt, downToSeconds: seconds };
  return { expiresAt, downToSeconds: Math.min(mark.downToSeconds, seconds) };
}

/**
 * A reminder is not a change by anyone: it leaves updatedAt/updatedBy alone.
 * A new expiry date re-arms every threshold.
 */
export function evolveExpiry(state: Credential, event: ExpiryEvent): Credential {
  return { ...state, expiryReminder: markReminded(state.expiryReminder, event) };
}

export function rearmOnNewExpiry(state: Credential, changes: MetadataChanges): Credential {
  if (changes.expiresAt === undefined) return state;
  const { expiryReminder: _rearmed, ...rest } = state;
  return rest;
}
