import type { RecordedEvent } from '#event-store';
import { batchJobs, keyRotationRoute, MAX_BATCH_JOBS } from './key-rotation.jobs.js';

describe('key rotation jobs', () => {
  it('plan a requested rotation under an id that follows from the event, with ids only in the data', () => {
    const event = {
      type: 'KeyRotationRequested',
      data: { rotationId: 'r1', mode: 'rewrap', targetKekId: 'k2' },
    } as unknown as RecordedEvent;
    expect(keyRotationRoute.toJobs(event)).toEqual([{ name: 'plan', jobId: 'key-rotation.r1.plan', data: { rotationId: 'r1' } }]);
  });

  it('enqueue one batch job per batch, at least one and at most MAX_BATCH_JOBS, with deterministic ids', () => {
    expect(batchJobs('r1', 0, 500).map((j) => j.jobId)).toEqual(['key-rotation.r1.batch.1']);
    expect(batchJobs('r1', 1001, 500).map((j) => j.data)).toEqual([
      { rotationId: 'r1', batch: 1 },
      { rotationId: 'r1', batch: 2 },
      { rotationId: 'r1', batch: 3 },
    ]);
    expect(batchJobs('r1', 100_000, 500)).toHaveLength(MAX_BATCH_JOBS);
    expect(batchJobs('r1', 100_000, 500)).toEqual(batchJobs('r1', 100_000, 500));
  });
});
