import type { RecordedEvent } from '#event-store';

/** One BullMQ job an event asks for. `data` holds ids only, never a secret. */
export interface DispatchedJob {
  name: string;
  /**
   * Deterministic: the same event always yields the same id, so dispatching
   * an event again (after a crash, before its checkpoint was stored) adds nothing.
   */
  jobId: string;
  data: Record<string, unknown>;
}

/** Turns committed events of some types into jobs on one queue. */
export interface JobRoute {
  /** BullMQ queue name (see queues/queue-names.ts). */
  queue: string;
  /** Event types it reacts to. */
  eventTypes: readonly string[];
  toJobs(event: RecordedEvent): DispatchedJob[];
}

/**
 * A job id from its parts, joined with '.': BullMQ refuses ':' in custom ids
 * (it reserves it for its own keys) and ids that read as integers.
 */
export function jobIdOf(...parts: (string | number)[]): string {
  const text = parts.map(String);
  if (text.some((part) => part === '' || part.includes(':'))) {
    throw new Error(`job id parts must be non-empty and free of ':' (got ${JSON.stringify(text)})`);
  }
  return text.join('.');
}
