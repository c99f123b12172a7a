import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, OnWorkerEvent, Processor } from '@nestjs/bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Job, Queue } from 'bullmq';
import type { KeyledgerConfig } from '#config';
import type { KeyProvider } from '#crypto';
import { KeyledgerError } from '#domain';
import { Clock, IdSource } from '#event-store';
import { drainKeyRotation, failKeyRotation, planKeyRotation, type RotationDeps } from '#key-rotation';
import { BATCH_JOB, CONFIG, KEY_PROVIDER, KEY_ROTATION_QUEUE, ORM, PLAN_JOB } from '#runtime';
import { Vault } from '#secrets';
import { KeyledgerProcessor } from '../jobs/keyledger-processor.js';
import { batchJobs, type KeyRotationJobData } from './key-rotation.jobs.js';

const MAX_REASON_CHARS = 300;

/**
 * Plans a requested rotation, then runs its batches. A worker killed mid-job
 * loses its lock after `lockDuration`; another worker takes the job again
 * (the batch that was cut off committed nothing). A job that fails for good
 * ends the rotation as failed, so a new one can be started.
 */
@Processor(KEY_ROTATION_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 3 })
export class KeyRotationProcessor extends KeyledgerProcessor implements OnApplicationBootstrap {
  private readonly deps: RotationDeps;

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @Inject(KEY_PROVIDER) private readonly keys: KeyProvider,
    vault: Vault,
    @InjectQueue(KEY_ROTATION_QUEUE) private readonly queue: Queue,
    clock: Clock,
    ids: IdSource,
  ) {
    super();
    this.deps = { keys, vault, batchSize: config.rotationBatchSize, env: { clock, ids } };
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.rotationConcurrency;
  }

  async process(job: Job<KeyRotationJobData>): Promise<void> {
    const { rotationId } = job.data;
    if (job.name === PLAN_JOB) return this.plan(rotationId);
    if (job.name === BATCH_JOB) return drainKeyRotation(this.orm.em.fork(), this.deps, rotationId);
    throw new Error(`unknown key rotation job "${job.name}"`);
  }

  private async plan(rotationId: string): Promise<void> {
    const { status, total } = await planKeyRotation(this.orm.em.fork(), this.keys, rotationId);
    if (status !== 'running') return;
    const jobs = batchJobs(rotationId, total, this.config.rotationBatchSize);
    await this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { jobId: job.jobId } })));
  }

  @OnWorkerEvent('failed')
  onRotationJobFailed(job: Job<KeyRotationJobData> | undefined, error: Error): void {
    if (job === undefined) return;
    // A listener's rejection would be unhandled: every failure to record is logged here instead.
    this.recordFailure(job, error).catch((cause: Error) =>
      this.logger.error(`could not record the failure of key rotation ${job.data.rotationId}: ${cause.message}`),
    );
  }

  /** Only a job that will not run again (retries spent, stalled too often) ends the rotation. */
  private async recordFailure(job: Job<KeyRotationJobData>, error: Error): Promise<void> {
    if ((await job.getState()) !== 'failed') return;
    const reason = `${job.name} job gave up after ${job.attemptsMade} attempt(s): ${describe(error)}`.slice(0, MAX_REASON_CHARS);
    await failKeyRotation(this.orm.em.fork(), this.deps.env, job.data.rotationId, reason);
  }
}

/**
 * A reason fit for an event: our own errors and BullMQ's (plain Error) say
 * what went wrong in fixed text; a driver error's message can quote its SQL,
 * ciphertexts included, so only its kind and SQLSTATE are kept.
 */
function describe(error: Error): string {
  if (error instanceof KeyledgerError || error.name === 'Error') return error.message;
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}; see the worker log`;
}
