import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { registerProcessMetrics } from '#runtime';
import { outcomeOf, READ_ROUTES, WRITE_ROUTES } from './route-metrics.js';

/**
 * The API's Prometheus metrics, on a registry of its own (one per app, so
 * several apps in one process, as in tests, do not collide). Labels are route
 * patterns and outcomes, never ids, names or values.
 */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly stopProcessMetrics: () => void;

  private readonly requests = new Counter({
    name: 'keyledger_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'keyledger_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly reads = new Counter({
    name: 'keyledger_credential_reads_total',
    help: 'Secret reads (reveal, lookup) by outcome',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });

  private readonly writes = new Counter({
    name: 'keyledger_credential_writes_total',
    help: 'Credential commands (create, update, rotate, ...) by outcome',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'keyledger_errors_total',
    help: 'Failed requests by error code (DECRYPTION_FAILED counts decryption and unwrap failures)',
    labelNames: ['code'],
    registers: [this.registry],
  });

  constructor() {
    this.stopProcessMetrics = registerProcessMetrics(this.registry);
  }

  onModuleDestroy(): void {
    this.stopProcessMetrics();
  }

  /** One finished HTTP request; `route` is the Fastify route pattern, or undefined when nothing matched. */
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    const pattern = route ?? 'unmatched';
    this.requests.inc({ method, route: pattern, status: String(status) });
    this.duration.observe({ method, route: pattern }, seconds);
    const key = `${method} ${pattern}`;
    const channel = READ_ROUTES[key];
    if (channel) this.reads.inc({ channel, outcome: outcomeOf(status) });
    const command = WRITE_ROUTES[key];
    if (command) this.writes.inc({ command, outcome: outcomeOf(status) });
  }

  observeError(code: string): void {
    this.errors.inc({ code });
  }
}
