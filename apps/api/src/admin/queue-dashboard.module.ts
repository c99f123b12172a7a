import { Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { KeyledgerConfig } from '#config';
import { CONFIG, QUEUE_NAMES, queueConnection } from '#runtime';
import { AuthModule } from '../auth/auth.module.js';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from '../auth/principal.js';
import { adminGate } from './admin-gate.js';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, over a Queue object
 * per queue of #runtime (the API adds no jobs itself; job data holds ids only).
 */
@Module({ imports: [AuthModule] })
export class QueueDashboardModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('QueueDashboard');
  private readonly queues: Queue[];

  constructor(
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.queues = QUEUE_NAMES.map((name) => new Queue(name, queueConnection(config)));
    for (const queue of this.queues) queue.on('error', (error) => this.logger.warn(`queue ${queue.name}: ${error.message}`));
  }

  onModuleInit(): void {
    const board = new FastifyAdapter().setBasePath(DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
    const gate = adminGate(this.resolver, this.config.bootstrapTenant);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // One encapsulated scope: the gate runs before every dashboard route, and only those.
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', gate);
        await scope.register(board.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
