import { jest } from '@jest/globals';
import { WakeablePause } from './wakeable-pause.js';

// Fake timers: the pause's own clock (Date.now) and timers move together.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Resolves to the fake milliseconds the wait took. */
async function timed(wait: Promise<void>, advance: (ms: number) => void): Promise<number> {
  const start = Date.now();
  let ended: number | undefined;
  void wait.then(() => (ended = Date.now()));
  for (let step = 0; step < 1000 && ended === undefined; step += 1) {
    advance(1);
    await Promise.resolve();
  }
  return ended! - start;
}

describe('WakeablePause', () => {
  it('waits the whole pause when nothing wakes it', async () => {
    const pause = new WakeablePause(10);
    pause.beginRound();
    expect(await timed(pause.wait(200), (ms) => jest.advanceTimersByTime(ms))).toBe(200);
  });

  it('ends the pause the debounce after the first wake-up; later ones in a burst do not push it back', async () => {
    const pause = new WakeablePause(10);
    pause.beginRound();
    const wait = pause.wait(500);
    jest.advanceTimersByTime(100);
    pause.wake();
    jest.advanceTimersByTime(6);
    pause.wake();
    pause.wake();
    let ended = false;
    void wait.then(() => (ended = true));
    jest.advanceTimersByTime(3);
    await Promise.resolve();
    expect(ended).toBe(false);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(ended).toBe(true);
  });

  it('makes the next pause short when a wake-up came during the round', async () => {
    const pause = new WakeablePause(10);
    pause.beginRound();
    pause.wake();
    expect(await timed(pause.wait(500), (ms) => jest.advanceTimersByTime(ms))).toBe(10);
    pause.beginRound();
    expect(await timed(pause.wait(50), (ms) => jest.advanceTimersByTime(ms))).toBe(50);
  });

  it('never lengthens a pause shorter than the debounce', async () => {
    const pause = new WakeablePause(10);
    pause.beginRound();
    const wait = pause.wait(4);
    pause.wake();
    expect(await timed(wait, (ms) => jest.advanceTimersByTime(ms))).toBe(4);
  });

  it('ignores wake-ups during a backoff', async () => {
    const pause = new WakeablePause(10);
    pause.beginRound();
    const wait = pause.wait(300, { wakeable: false });
    pause.wake();
    expect(await timed(wait, (ms) => jest.advanceTimersByTime(ms))).toBe(300);
  });

  it('ends at once when stopped, and waits no more afterwards', async () => {
    const pause = new WakeablePause(10);
    const wait = pause.wait(60_000);
    pause.stop();
    await expect(wait).resolves.toBeUndefined();
    await expect(pause.wait(60_000)).resolves.toBeUndefined();
  });
});
