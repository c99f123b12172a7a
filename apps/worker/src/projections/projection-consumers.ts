import type { EntityManager } from '@mikro-orm/postgresql';
import { catchUpAuditTrail, catchUpUsage, AUDIT_TRAIL_PROJECTION, USAGE_PROJECTION } from '#audit';
import type { KeyProvider } from '#crypto';
import { catchUpSeals, EVENT_SEAL_CONSUMER, type SealKeyring } from '#event-store';
import { loadSealKeyring } from '#secrets';
import type { ProjectionConsumer } from './projection-runner.js';

// Batches per run: a run (and so a clean shutdown) never takes long, and a
// consumer that is far behind is simply run again at once.
const MAX_BATCHES = 20;

/** What the worker keeps caught up: the keyed seal over the log, the audit trail and credential usage. */
export function projectionConsumers(keys: KeyProvider): ProjectionConsumer[] {
  // The seal key is loaded (or created) once, on the first run; a failed load is retried on the next.
  let sealKeys: Promise<SealKeyring> | undefined;
  const sealKeyring = (em: EntityManager) =>
    (sealKeys ??= loadSealKeyring(em, keys).catch((error: unknown) => {
      sealKeys = undefined;
      throw error;
    }));
  return [
    { name: EVENT_SEAL_CONSUMER, run: async (em) => catchUpSeals(em, await sealKeyring(em), { batchSize: 500, maxBatches: MAX_BATCHES }) },
    { name: AUDIT_TRAIL_PROJECTION, run: (em) => catchUpAuditTrail(em, { maxBatches: MAX_BATCHES }) },
    { name: USAGE_PROJECTION, run: (em) => catchUpUsage(em, { maxBatches: MAX_BATCHES }) },
  ];
}
