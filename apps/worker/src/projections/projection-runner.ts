import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CatchUpResult } from '#event-store';
import { WakeablePause } from '../wakeups/wakeable-pause.js';

/** A checkpointed consumer the runner keeps caught up. */
export interface ProjectionConsumer {
  name: string;
  /** Processes a bounded number of batches; `caughtUp` false asks to be run again at once. */
  run(em: EntityManager): Promise<CatchUpResult>;
}

export interface RunnerLog {
  error(message: string, context: Record<string, unknown>): void;
}

export interface RunnerTiming {
  /** The fallback poll: the pause after a round that found the log caught up, unless an append wakes the loop. */
  intervalMs: number;
  /** How long after a wake-up the round starts, so that a burst of appends makes one batch. */
  debounceMs: number;
}

const MAX_BACKOFF_MS = 30_000;

/** Wait after the n-th failure in a row: doubling from the interval, capped. */
export function backoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS);
}

/**
 * Wait after the n-th round in a row that left events held back by a running
 * transaction: doubling from the debounce, never longer than the interval. The
 * commit that releases them announces nothing, so the loop looks again soon.
 */
export function heldBackRetryMs(timing: RunnerTiming, rounds: number): number {
  return Math.min(timing.debounceMs * 2 ** (rounds - 1), timing.intervalMs);
}

/**
 * Runs each consumer on its own loop: run until caught up, then pause until
 * an append wakes the loop (`wake`) or the interval passes, whichever is
 * first. Each run gets a fresh forked EntityManager. A failing consumer is
 * logged and retried with backoff without holding up the others. `stop`
 * ends the pauses and waits for runs in flight to finish.
 */
export class ProjectionRunner {
  private stopped = false;
  private loops: Promise<void>[] = [];
  private readonly pauses: WakeablePause[];

  constructor(
    private readonly orm: MikroORM,
    private readonly consumers: ProjectionConsumer[],
    private readonly timing: RunnerTiming,
    private readonly log: RunnerLog,
  ) {
    this.pauses = consumers.map(() => new WakeablePause(timing.debounceMs));
  }

  start(): void {
    this.loops = this.consumers.map((consumer, i) => this.loop(consumer, this.pauses[i]!));
  }

  /** Something was appended: every consumer runs soon. */
  wake(): void {
    for (const pause of this.pauses) pause.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const pause of this.pauses) pause.stop();
    await Promise.all(this.loops);
  }

  private async loop(consumer: ProjectionConsumer, pause: WakeablePause): Promise<void> {
    let failures = 0;
    let heldBack = 0;
    while (!this.stopped) {
      pause.beginRound();
      try {
        const result = await consumer.run(this.orm.em.fork());
        failures = 0;
        heldBack = result.caughtUp && result.heldBack ? heldBack + 1 : 0;
        if (heldBack > 0) await pause.wait(heldBackRetryMs(this.timing, heldBack));
        else if (result.caughtUp) await pause.wait(this.timing.intervalMs);
      } catch (error) {
        failures += 1;
        const retryInMs = backoffMs(this.timing.intervalMs, failures);
        this.log.error('projection consumer failed; retrying', { consumer: consumer.name, error: messageOf(error), failures, retryInMs });
        await pause.wait(retryInMs, { wakeable: false });
      }
    }
  }
}

// Driver errors can quote a whole statement; the first line says what failed.
function messageOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]!.slice(0, 500);
}
