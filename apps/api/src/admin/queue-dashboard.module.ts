import { Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import type { KeyledgerConfig } from '#config';
import { UnavailableError } from '#domain';
import { CONFIG, QUEUE_NAMES, queueConnection } from '#runtime';
import { AuthModule } from '../auth/auth.module.js';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from '../auth/principal.js';
import { ErrorFilter } from '../http/error.filter.js';
import { RETRY_AFTER_SECONDS } from '../http/unavailable.js';
import { Metrics } from '../metrics/metrics.js';
import { adminGate } from './admin-gate.js';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, over a Queue object
 * per queue of #runtime (the API adds no jobs itself; job data holds ids only).
 * It needs Redis: while Redis is away it answers 503 UNAVAILABLE with
 * Retry-After at once, like a route that lost its database, and serves again
 * as soon as Redis is back.
 */
@Module({ imports: [AuthModule] })
export class QueueDashboardModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('QueueDashboard');
  private readonly errors: ErrorFilter;
  private readonly redis: Redis;
  private readonly queues: Queue[];
  private redisDown = false;

  constructor(
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver,
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {
    this.errors = new ErrorFilter(metrics);
    // A connection of its own that fails fast: BullMQ's default one queues a
    // command while Redis is away and retries it for minutes, holding the request.
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', (error: Error) => this.onRedisError(error));
    this.redis.on('ready', () => (this.redisDown = false));
    this.queues = QUEUE_NAMES.map((name) => new Queue(name, { ...queueConnection(config), connection: this.redis }));
    for (const queue of this.queues) queue.on('error', (error) => this.onRedisError(error));
  }

  onModuleInit(): void {
    const board = new FastifyAdapter().setBasePath(DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
    // bull-board's own handler answers 500 with the error's message; ours answers as every route does
    // (a lost connection is a 503 UNAVAILABLE, an unexpected error a bare 500).
    board.setErrorHandler((error) => {
      const body = this.errors.bodyOf(error);
      this.metrics.observeError(body.code ?? 'INTERNAL');
      if (body.statusCode === 500) this.logger.error({ err: error }, 'dashboard request failed');
      // bull-board types the statuses it answers itself; its Fastify adapter sends any.
      return { status: body.statusCode as 500, body };
    });
    const gate = adminGate(this.resolver, this.config.bootstrapTenant);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // One encapsulated scope: the gate runs before every dashboard route, and only those.
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', gate);
        scope.addHook('onRequest', async (_request, reply) => {
          // Until the connection is ready BullMQ would wait for it: refuse at once instead.
          if (reply.sent || this.redis.status === 'ready') return;
          this.errors.answer(new UnavailableError(RETRY_AFTER_SECONDS), reply);
          return reply;
        });
        scope.addHook('onSend', async (_request, reply: FastifyReply) => {
          if (reply.statusCode === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        });
        await scope.register(board.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.redis.disconnect();
  }

  private onRedisError(error: Error): void {
    if (this.redisDown) return;
    this.redisDown = true;
    this.logger.warn(`Redis unavailable: the queue dashboard answers 503 until it is back (${error.message})`);
  }
}
