/**
 * How long a consumer loop waits after a wake-up before its round: a burst
 * of commits within it becomes one batch, and it adds at most this much to
 * the lag of a projection.
 */
export const WAKE_DEBOUNCE_MS = 10;

/**
 * The pause of a consumer loop between rounds, which a wake-up (a commit on
 * the log) cuts short. Wake-ups are debounced: the first one ends the pause
 * `debounceMs` later, and those that follow within that window (a burst of
 * commits) are answered by the same round. A wake-up that arrives while a
 * round runs may have missed it, so it makes the next pause that short too.
 */
export class WakeablePause {
  private woken = false;
  private cut: (() => void) | undefined;
  private release: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly debounceMs: number) {}

  /** Call as a round begins: the wake-ups so far are answered by it. */
  beginRound(): void {
    this.woken = false;
  }

  wake(): void {
    this.woken = true;
    this.cut?.();
  }

  /** Ends the pause in progress, and every later one at once. */
  stop(): void {
    this.stopped = true;
    this.release?.();
  }

  /**
   * Waits `ms`, or until `debounceMs` after a wake-up if that is sooner.
   * `wakeable: false` (the backoff after a failure) ignores wake-ups: a
   * busy log must not turn a backoff into a busy retry.
   */
  wait(ms: number, { wakeable = true } = {}): Promise<void> {
    if (this.stopped || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = Date.now() + ms;
      let timer: NodeJS.Timeout;
      const done = () => {
        clearTimeout(timer);
        this.cut = undefined;
        this.release = undefined;
        resolve();
      };
      const shorten = () => {
        this.cut = undefined;
        if (deadline - Date.now() <= this.debounceMs) return;
        clearTimeout(timer);
        timer = setTimeout(done, this.debounceMs);
      };
      timer = setTimeout(done, ms);
      this.release = done;
      if (!wakeable) return;
      if (this.woken) shorten();
      else this.cut = shorten;
    });
  }
}
