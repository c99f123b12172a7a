/**
 * The channel every append notifies (migration 0011's statement trigger on
 * kl_events), with an empty payload, when its transaction commits: consumers
 * LISTEN on it to run as soon as the log grows instead of only polling. A
 * notification can be lost (the listening connection drops), so it only
 * hastens a consumer: polling stays the guarantee.
 */
export const LOG_CHANNEL = 'kl_events';
