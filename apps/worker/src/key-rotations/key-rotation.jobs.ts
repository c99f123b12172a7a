import type { RecordedEvent } from '#event-store';
import { BATCH_JOB, KEY_ROTATION_QUEUE, keyRotationBatchJobId, keyRotationPlanJobId, PLAN_JOB } from '#runtime';
import type { DispatchedJob, JobRoute } from '../dispatch/job-route.js';

/**
 * Batch jobs of one rotation. Each takes batches until none is left to take,
 * so more jobs than workers only means some find nothing; this many keeps
 * every worker slot busy on a large rotation.
 */
export const MAX_BATCH_JOBS = 32;

/** Ids only: a rotation's jobs load everything else from Postgres. */
export interface KeyRotationJobData {
  rotationId: string;
  batch?: number;
}

/** KeyRotationRequested -> the planning job, which counts the work and enqueues the batch jobs. */
export const keyRotationRoute: JobRoute = {
  queue: KEY_ROTATION_QUEUE,
  eventTypes: ['KeyRotationRequested'],
  toJobs: (event: RecordedEvent) => [
    { name: PLAN_JOB, jobId: keyRotationPlanJobId(event.data.rotationId), data: { rotationId: event.data.rotationId } },
  ],
};

/** At least one job (it ends an empty rotation), at most one per batch and MAX_BATCH_JOBS; ids follow from the rotation. */
export function batchJobs(rotationId: string, total: number, batchSize: number): DispatchedJob[] {
  const count = Math.min(MAX_BATCH_JOBS, Math.max(1, Math.ceil(total / batchSize)));
  return Array.from({ length: count }, (_, i) => ({
    name: BATCH_JOB,
    jobId: keyRotationBatchJobId(rotationId, i + 1),
    data: { rotationId, batch: i + 1 },
  }));
}
