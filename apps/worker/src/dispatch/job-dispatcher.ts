import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { processBatch, type RecordedEvent } from '#event-store';
import type { DispatchedJob, JobRoute } from './job-route.js';
import { jobsForEvents } from './jobs-for-events.js';

/** The checkpointed consumer that turns events into jobs. */
export const DISPATCH_CONSUMER = 'job-dispatch';

export interface JobDispatcherOptions {
  /** An add that has not finished by then fails the batch (Redis unreachable). */
  enqueueTimeoutMs: number;
  batchSize: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: JobDispatcherOptions = { enqueueTimeoutMs: 3000, batchSize: 100 };

/**
 * Reads committed events after its checkpoint and adds the jobs they ask for
 * before storing the checkpoint, in the transaction that holds the checkpoint
 * row lock (processBatch): one dispatcher at a time per batch, whatever the
 * number of workers. If Redis is unreachable the add fails or times out, the
 * transaction rolls back and the same events are dispatched on the next
 * round; job ids are deterministic, so a batch dispatched twice (an add that
 * landed late, a crash before commit) adds each job once.
 */
export class JobDispatcher {
  constructor(
    private readonly orm: MikroORM,
    private readonly queues: ReadonlyMap<string, Queue>,
    private readonly routes: readonly JobRoute[],
    private readonly options: JobDispatcherOptions = DEFAULT_DISPATCHER_OPTIONS,
  ) {
    const missing = routes.filter((route) => !queues.has(route.queue)).map((route) => route.queue);
    if (missing.length > 0) throw new Error(`job routes name unregistered queues: ${missing.join(', ')}`);
  }

  /** Dispatches one batch; returns how many events it read (fewer than the batch size: caught up). */
  async dispatchOnce(): Promise<number> {
    await this.assertRedisReady();
    const handle = (_tx: unknown, events: RecordedEvent[]) => this.enqueue(jobsForEvents(events, this.routes));
    return processBatch(this.orm.em.fork(), DISPATCH_CONSUMER, handle, { batchSize: this.options.batchSize });
  }

  /** One round of the poll loop: true when there may be more to dispatch at once. */
  async round(): Promise<boolean> {
    return (await this.dispatchOnce()) >= this.options.batchSize;
  }

  /**
   * Fails fast, before the checkpoint lock is taken, while a queue's Redis
   * connection is down: a transaction left open while an add times out would
   * hold back every consumer of the log (they read below the oldest running
   * transaction). The add keeps its own timeout for a connection that drops
   * in between.
   */
  private async assertRedisReady(): Promise<void> {
    for (const [name, queue] of this.queues) {
      const client = await withTimeout(queue.getBackend().client, this.options.enqueueTimeoutMs, `connecting queue ${name} to Redis`);
      if (client.status !== 'ready') throw new Error(`queue ${name}: Redis connection is ${client.status}`);
    }
  }

  private async enqueue(byQueue: Map<string, DispatchedJob[]>): Promise<void> {
    const adds = [...byQueue].map(([name, jobs]) =>
      this.queues.get(name)!.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { jobId: job.jobId } }))),
    );
    await withTimeout(Promise.all(adds), this.options.enqueueTimeoutMs, 'adding jobs');
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (is Redis reachable?)`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
