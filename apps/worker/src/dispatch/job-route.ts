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
  /** BullMQ queue name (from #runtime, like the job names and ids). */
  queue: string;
  /** Event types it reacts to. */
  eventTypes: readonly string[];
  toJobs(event: RecordedEvent): DispatchedJob[];
}
