// Progress arithmetic for anything that reports done of total while it runs
// (a master-key rotation, an import): rate over a sliding window (so a pause,
// such as a reconnect, fades out of it instead of skewing it forever), the
// ETA and their text. Shared by the CLI's progress bar and the console's.
import type { KeyRotation } from './types.js';

export class RateMeter {
  private samples: { at: number; done: number }[] = [];

  constructor(private readonly windowMs = 10_000) {}

  /** Records `done` at time `at` (ms). A count that goes backwards (a new run) starts over. */
  add(at: number, done: number): void {
    const last = this.samples.at(-1);
    if (last && done < last.done) this.samples = [];
    this.samples.push({ at, done });
    // Keep one sample older than the window, so the window is always spanned.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** Units per second over the window; null until two samples apart in time. */
  perSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at <= first.at) return null;
    return ((last.done - first.done) * 1000) / (last.at - first.at);
  }
}

/** Seconds left at this rate; 0 when done, null when unknown (no total, no rate yet, or stalled). */
export function etaSeconds(done: number, total: number | null, perSecond: number | null): number | null {
  if (total !== null && done >= total) return 0;
  if (total === null || perSecond === null || perSecond <= 0) return null;
  return Math.ceil((total - done) / perSecond);
}

/** 42s, 3m05s, 1h02m; '?' when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatRate(perSecond: number | null): string {
  if (perSecond === null) return '?/s';
  return perSecond >= 100 ? `${Math.round(perSecond)}/s` : `${perSecond.toFixed(1)}/s`;
}

/** `120/500 (24%)`, or `120` when the total is unknown. */
export function formatCount(done: number, total: number | null): string {
  if (total === null) return String(done);
  const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
  return `${done}/${total} (${percent}%)`;
}

/**
 * How far a rotation is, as a progress display counts it: every data key it
 * has dealt with (failed ones too, which are not taken again) of a total
 * that is known once a worker has planned it (null while pending).
 */
export function keyRotationCount(rotation: Pick<KeyRotation, 'status' | 'total' | 'done' | 'failed'>): {
  done: number;
  total: number | null;
} {
  return { done: rotation.done + rotation.failed, total: rotation.status === 'pending' ? null : rotation.total };
}
