import { WakeablePause } from '../wakeups/wakeable-pause.js';

export interface PollLoopOptions {
  /** Pause between rounds that found nothing to do, unless woken. */
  intervalMs: number;
  /** Upper bound of the pause after consecutive failures (doubling from intervalMs). */
  maxBackoffMs: number;
  /** How long after a wake-up the next round starts (a burst becomes one round). */
  debounceMs: number;
  onError(error: unknown, consecutiveFailures: number): void;
}

/** The pause after `failures` consecutive failures: doubling from `base`, capped at `max`. */
export function backoffDelay(failures: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, failures - 1));
}

/**
 * Runs `round` until stopped: again at once when it reports more work, after
 * `intervalMs` or soon after a `wake` when it is caught up, with growing
 * pauses (which wake-ups do not cut) while it fails. A failed round is
 * retried, never skipped. `stop` waits for the round in flight to finish.
 */
export class PollLoop {
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly pause: WakeablePause;

  constructor(
    private readonly round: () => Promise<boolean>,
    private readonly options: PollLoopOptions,
  ) {
    this.pause = new WakeablePause(options.debounceMs);
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** There may be work: run a round soon instead of at the end of the interval. */
  wake(): void {
    this.pause.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.stop();
    await this.running;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.pause.beginRound();
      try {
        const more = await this.round();
        failures = 0;
        if (!more) await this.pause.wait(this.options.intervalMs);
      } catch (error) {
        failures += 1;
        this.options.onError(error, failures);
        await this.pause.wait(backoffDelay(failures, this.options.intervalMs, this.options.maxBackoffMs), { wakeable: false });
      }
    }
  }
}
