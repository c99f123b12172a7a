export interface PollLoopOptions {
  /** Pause between rounds that found nothing to do. */
  intervalMs: number;
  /** Upper bound of the pause after consecutive failures (doubling from intervalMs). */
  maxBackoffMs: number;
  onError(error: unknown, consecutiveFailures: number): void;
}

/** The pause after `failures` consecutive failures: doubling from `base`, capped at `max`. */
export function backoffDelay(failures: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, failures - 1));
}

/**
 * Runs `round` until stopped: again at once when it reports more work, after
 * `intervalMs` when it is caught up, with growing pauses while it fails. A
 * failed round is retried, never skipped. `stop` waits for the round in
 * flight to finish.
 */
export class PollLoop {
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly round: () => Promise<boolean>,
    private readonly options: PollLoopOptions,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let delay = this.options.intervalMs;
      try {
        if (await this.round()) delay = 0;
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.onError(error, failures);
        delay = backoffDelay(failures, this.options.intervalMs, this.options.maxBackoffMs);
      }
      await this.pause(delay);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped || ms === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
