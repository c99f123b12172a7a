import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CatchUpResult } from '#event-store';

/** A checkpointed consumer the runner keeps caught up. */
export interface ProjectionConsumer {
  name: string;
  /** Processes a bounded number of batches; `caughtUp` false asks to be run again at once. */
  run(em: EntityManager): Promise<CatchUpResult>;
}

export interface RunnerLog {
  error(message: string, context: Record<string, unknown>): void;
}

const MAX_BACKOFF_MS = 30_000;

/** Wait after the n-th failure in a row: doubling from the interval, capped. */
export function backoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS);
}

/**
 * Polls each consumer on its own loop: run until caught up, sleep the
 * interval, repeat. Each run gets a fresh forked EntityManager. A failing
 * consumer is logged and retried with backoff without holding up the others.
 * `stop` wakes sleeping loops and waits for runs in flight to finish.
 */
export class ProjectionRunner {
  private stopped = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly orm: MikroORM,
    private readonly consumers: ProjectionConsumer[],
    private readonly intervalMs: number,
    private readonly log: RunnerLog,
  ) {}

  start(): void {
    this.loops = this.consumers.map((consumer) => this.loop(consumer));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    await Promise.all(this.loops);
  }

  private async loop(consumer: ProjectionConsumer): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const { caughtUp } = await consumer.run(this.orm.em.fork());
        failures = 0;
        if (caughtUp) await this.sleep(this.intervalMs);
      } catch (error) {
        failures += 1;
        const retryInMs = backoffMs(this.intervalMs, failures);
        this.log.error('projection consumer failed; retrying', { consumer: consumer.name, error: messageOf(error), failures, retryInMs });
        await this.sleep(retryInMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

// Driver errors can quote a whole statement; the first line says what failed.
function messageOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]!.slice(0, 500);
}
