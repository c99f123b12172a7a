import type { Server } from 'node:http';
import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { KeyledgerConfig } from '#config';
import { CONFIG, registerProcessMetrics } from '#runtime';
import { listenForScrapes } from './metrics-server.js';

/**
 * The worker's Prometheus metrics (RSS, heap, heap after a full collection,
 * event-loop lag, GC) at GET /metrics on KEYLEDGER_WORKER_METRICS_HOST:PORT,
 * when a port is configured. The worker has no other listener.
 */
@Module({})
export class WorkerMetricsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private readonly registry = new Registry();
  private stopProcessMetrics: (() => void) | undefined;
  private server: Server | undefined;

  constructor(@Inject(CONFIG) private readonly config: KeyledgerConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const listen = this.config.workerMetrics;
    if (!listen) return;
    this.stopProcessMetrics = registerProcessMetrics(this.registry);
    this.server = await listenForScrapes(this.registry, listen.host, listen.port);
    this.logger.log(`serving metrics on http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopProcessMetrics?.();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
