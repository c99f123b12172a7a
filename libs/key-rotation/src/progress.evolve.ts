import type { KeyRotationEvent } from '#domain';
import type { RotationProgress } from './progress.js';

/**
 * The progress row after one of the rotation's events. `total` and the
 * pending -> running step come from the planner, not from an event, so they
 * are carried through unchanged.
 */
export function evolveProgress(doc: RotationProgress | null, event: KeyRotationEvent): RotationProgress | null {
  if (event.type === 'KeyRotationRequested') {
    if (doc !== null) return doc;
    const { data } = event;
    return {
      rotationId: data.rotationId,
      mode: data.mode,
      targetKekId: data.targetKekId,
      status: 'pending',
      total: 0,
      done: 0,
      failed: 0,
      batches: 0,
      reason: null,
      requestedBy: data.actor,
      startedAt: data.at,
      finishedAt: null,
    };
  }
  if (doc === null) return null;
  switch (event.type) {
    case 'KeyRotationBatchCompleted':
      return { ...doc, batches: event.data.batch, done: doc.done + event.data.done, failed: doc.failed + event.data.failed };
    case 'KeyRotationCompleted': {
      const { total, done, failed, at } = event.data;
      return { ...doc, status: 'completed', total, done, failed, finishedAt: at };
    }
    case 'KeyRotationFailed': {
      const { total, done, failed, at, reason } = event.data;
      return { ...doc, status: 'failed', total, done, failed, reason, finishedAt: at };
    }
  }
}
