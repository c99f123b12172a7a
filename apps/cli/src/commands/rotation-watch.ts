// Following a master-key rotation to its end. The rotation runs in the
// workers, not here: losing the API only pauses the display, which keeps
// asking (backing off) and picks up where the job is when it answers again.
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration, keyRotationCount, NetworkError, ServerError, type KeyRotation } from '#client';
import { CliError } from '../errors.js';
import { progressView, type ProgressState } from '../progress/view.js';
import type { Session } from '../session.js';

const POLL_MS = 500;
const MAX_OUTAGE_MS = 10 * 60_000;

export async function watchRotation(session: Session, id: string): Promise<KeyRotation> {
  const view = progressView(`rotation ${id.slice(0, 8)}`, 'data keys');
  let state: ProgressState = { done: 0, total: null, note: 'pending' };
  let lostSince: number | null = null;
  let failures = 0;
  try {
    for (;;) {
      try {
        const progress = (await session.api.request<KeyRotation>('GET', `/v1/keys/rotations/${encodeURIComponent(id)}`)).body;
        lostSince = null;
        failures = 0;
        state = { ...keyRotationCount(progress), note: progress.status };
        view.update(state);
        if (progress.status === 'completed' || progress.status === 'failed') return progress;
      } catch (error) {
        if (!(error instanceof NetworkError || error instanceof ServerError)) throw error;
        lostSince ??= Date.now();
        failures++;
        if (Date.now() - lostSince > MAX_OUTAGE_MS) {
          throw new CliError(
            `lost the API for ${formatDuration(MAX_OUTAGE_MS / 1000)}; the rotation goes on: keyledger keys rotation ${id} --watch`,
          );
        }
        view.update({ ...state, note: 'connection lost, reconnecting...' });
      }
      await sleep(Math.min(5000, POLL_MS * 2 ** failures));
    }
  } finally {
    view.stop();
  }
}

export function reportRotation(p: KeyRotation): string {
  const took = p.finishedAt ? ` in ${formatDuration((Date.parse(p.finishedAt) - Date.parse(p.startedAt)) / 1000)}` : '';
  const counts = `${p.done}/${p.total} data keys done, ${p.failed} failed`;
  return `rotation ${p.rotationId} ${p.status}: ${counts}${took}${p.reason ? ` (${p.reason})` : ''}`;
}
