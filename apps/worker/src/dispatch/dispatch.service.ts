import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { ORM, QUEUE_NAMES } from '#runtime';
import { JobDispatcher } from './job-dispatcher.js';
import { JOB_ROUTES } from './job-routes.js';
import { LogWakeups } from '../wakeups/log-wakeups.js';
import { WAKE_DEBOUNCE_MS } from '../wakeups/wakeable-pause.js';
import { PollLoop } from './poll-loop.js';

export const DISPATCH_INTERVAL_MS = 250;
export const DISPATCH_MAX_BACKOFF_MS = 30_000;

/**
 * Runs the job dispatcher continuously in every worker process (the
 * checkpoint lock lets one at a time dispatch a batch): woken by appends to
 * the log, polling every DISPATCH_INTERVAL_MS besides. Stopped first on
 * shutdown, before the processors and connections close.
 */
@Injectable()
export class DispatchService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobDispatcher');
  private loop: PollLoop | undefined;

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly moduleRef: ModuleRef,
  ) {}

  // The queues and the wake-ups are looked up here, once every provider
  // exists: Nest builds providers concurrently, so in a constructor a queue
  // may not be there yet.
  onApplicationBootstrap(): void {
    const queues = new Map(QUEUE_NAMES.map((name) => [name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })]));
    for (const [name, queue] of queues) queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
    const dispatcher = new JobDispatcher(this.orm, queues, JOB_ROUTES);
    const loop = new PollLoop(() => dispatcher.round(), {
      intervalMs: DISPATCH_INTERVAL_MS,
      maxBackoffMs: DISPATCH_MAX_BACKOFF_MS,
      debounceMs: WAKE_DEBOUNCE_MS,
      onError: (error, failures) =>
        this.logger.warn(`dispatch failed (${failures} in a row), will retry: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.moduleRef.get(LogWakeups, { strict: false }).subscribe(() => loop.wake());
    this.loop = loop;
    loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
  }
}
