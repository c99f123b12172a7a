import type { EntityManager } from '@mikro-orm/postgresql';
import { catchUp, type CatchUpOptions, type CatchUpResult } from './catch-up.js';
import { eventHash } from './hash.js';
import type { BatchHandler } from './process-batch.js';
import { sealKeyOf, type SealKeyring } from './seal-keys.js';
import { sealMac, type SealedFields } from './seal-mac.js';
import { insertSeals, lastSeal, recordedMicros, type NewSeal } from './seal-rows.js';
import type { RecordedEvent } from './types.js';

/** The sealer's checkpoint name. It is not a projection: the seal chain is never rebuilt. */
export const EVENT_SEAL_CONSUMER = 'event-seal';

/** Thrown when an event about to be sealed does not match its own hash: the log was altered before sealing. */
export class SealRefused extends Error {
  constructor(position: number) {
    super(`refusing to seal position ${position}: its hash does not match its content; run verify`);
    this.name = 'SealRefused';
  }
}

function fieldsOf(e: RecordedEvent, sealSeq: number, kekId: string, recordedAtMicros: string): SealedFields {
  return {
    sealSeq,
    kekId,
    recordedAtMicros,
    globalPosition: e.globalPosition,
    transactionId: e.transactionId,
    eventId: e.eventId,
    streamId: e.streamId,
    streamType: e.streamType,
    streamVersion: e.streamVersion,
    tenant: e.tenant,
    type: e.type,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/**
 * Seals a batch in log order, each seal chained to the previous one. Only an
 * event that matches its own hash is sealed: the seal never vouches for an
 * event altered before the sealer reached it.
 */
export function sealHandler(keys: SealKeyring): BatchHandler {
  return async (tx, events) => {
    const kekId = keys.activeKekId;
    const key = sealKeyOf(keys, kekId);
    const head = await lastSeal(tx);
    const micros = await recordedMicros(
      tx,
      events.map((e) => e.globalPosition),
    );
    let prevMac = head?.mac ?? null;
    let seq = head?.seq ?? 0;
    const seals: NewSeal[] = events.map((e) => {
      const prev = e.prevHash === null ? null : Buffer.from(e.prevHash, 'hex');
      if (eventHash(prev, e).toString('hex') !== e.hash) throw new SealRefused(e.globalPosition);
      seq += 1;
      const fields = fieldsOf(e, seq, kekId, micros.get(e.globalPosition)!);
      prevMac = sealMac(key, prevMac, fields);
      return { fields, mac: prevMac };
    });
    await insertSeals(tx, kekId, seals);
  };
}

/** Seals committed events, batch by batch, until caught up (or the options' bound). */
export function catchUpSeals(em: EntityManager, keys: SealKeyring, opts: CatchUpOptions = {}): Promise<CatchUpResult> {
  return catchUp(em, EVENT_SEAL_CONSUMER, sealHandler(keys), opts);
}
