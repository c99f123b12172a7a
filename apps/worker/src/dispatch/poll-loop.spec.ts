import { backoffDelay, PollLoop } from './poll-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds (a loaded machine runs timers late); fails after 10 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within 10 s`);
    await sleep(5);
  }
}

describe('backoffDelay', () => {
  it('doubles from the base interval and stops at the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 250, 1500))).toEqual([250, 500, 1000, 1500, 1500]);
  });
});

describe('PollLoop', () => {
  it('retries a failing round instead of skipping it, reporting each failure', async () => {
    const outcomes = [new Error('down'), new Error('down'), false];
    const errors: number[] = [];
    let rounds = 0;
    const loop = new PollLoop(
      async () => {
        const next = outcomes[Math.min(rounds++, outcomes.length - 1)];
        if (next instanceof Error) throw next;
        return next!;
      },
      { intervalMs: 5, maxBackoffMs: 20, debounceMs: 1, onError: (_e, failures) => errors.push(failures) },
    );
    loop.start();
    await until(() => rounds > 3, 'rounds after the failures');
    await loop.stop();
    expect(errors).toEqual([1, 2]);
  });

  it('runs again at once while a round reports more work, and stop waits for the round in flight', async () => {
    let rounds = 0;
    let inFlight = false;
    const loop = new PollLoop(
      async () => {
        inFlight = true;
        await sleep(10);
        inFlight = false;
        return ++rounds < 5;
      },
      { intervalMs: 10_000, maxBackoffMs: 10_000, debounceMs: 1, onError: () => {} },
    );
    loop.start();
    await until(() => rounds === 5 && !inFlight, 'five rounds');
    await sleep(50);
    expect(rounds).toBe(5);
    const stopping = loop.stop();
    await stopping;
    expect(inFlight).toBe(false);
  });

  it('runs a round soon after a wake-up instead of at the end of the interval, but not during a backoff', async () => {
    let rounds = 0;
    let failing = false;
    const loop = new PollLoop(
      async () => {
        rounds += 1;
        if (failing) throw new Error('down');
        return false;
      },
      { intervalMs: 60_000, maxBackoffMs: 60_000, debounceMs: 5, onError: () => {} },
    );
    loop.start();
    await until(() => rounds === 1, 'the first round');
    loop.wake();
    await until(() => rounds === 2, 'the woken round');
    failing = true;
    loop.wake();
    await until(() => rounds === 3, 'the failing round');
    loop.wake();
    await sleep(200);
    expect(rounds).toBe(3);
    await loop.stop();
  });
});
