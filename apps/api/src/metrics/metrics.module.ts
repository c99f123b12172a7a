import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { ORM } from '#runtime';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';
import { registerProjectionLag } from './projection-lag.js';

/** Prometheus metrics at GET /metrics; every request is counted by an onResponse hook. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ORM) private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    registerProjectionLag(this.metrics.registry, () => this.orm.em.fork());
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    });
  }
}
