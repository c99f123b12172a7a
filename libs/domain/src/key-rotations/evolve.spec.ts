import { evolveKeyRotation, foldKeyRotation, initialKeyRotationState } from './evolve.js';
import { keyRotationStreamId, type KeyRotationEvent } from './types.js';

const rotationId = 'rot-1';
const by = (actor: string, at: string) => ({ rotationId, actor, at });
const requested: KeyRotationEvent = {
  type: 'KeyRotationRequested',
  data: { ...by('alice', 't0'), mode: 'reencrypt', targetKekId: 'k2' },
};

describe('evolveKeyRotation', () => {
  it('starts absent and opens on the request', () => {
    expect(initialKeyRotationState()).toEqual({ status: 'absent' });
    expect(foldKeyRotation([requested])).toEqual({
      status: 'open',
      rotationId,
      mode: 'reencrypt',
      targetKekId: 'k2',
      requestedAt: 't0',
      requestedBy: 'alice',
      batches: 0,
      done: 0,
      failed: 0,
      finishedAt: null,
    });
  });

  it('adds up batches and ends on completion or failure', () => {
    const batch = (n: number, done: number, failed: number): KeyRotationEvent => ({
      type: 'KeyRotationBatchCompleted',
      data: { ...by('w', 't1'), batch: n, done, failed },
    });
    const open = foldKeyRotation([requested, batch(1, 10, 1), batch(2, 5, 0)]);
    expect(open).toMatchObject({ status: 'open', batches: 2, done: 15, failed: 1 });
    const outcome = { total: 16, done: 15, failed: 1, durationMs: 9 };
    expect(evolveKeyRotation(open, { type: 'KeyRotationCompleted', data: { ...by('w', 't2'), ...outcome } })).toMatchObject({
      status: 'completed',
      finishedAt: 't2',
    });
    expect(evolveKeyRotation(open, { type: 'KeyRotationFailed', data: { ...by('w', 't3'), ...outcome, reason: 'r' } })).toMatchObject({
      status: 'failed',
      finishedAt: 't3',
    });
  });

  it('ignores what cannot apply, so a replay never throws', () => {
    const ended = foldKeyRotation([
      requested,
      { type: 'KeyRotationFailed', data: { ...by('w', 't1'), total: 0, done: 0, failed: 0, durationMs: 0, reason: 'r' } },
    ]);
    expect(evolveKeyRotation(ended, requested)).toBe(ended);
    expect(
      evolveKeyRotation(initialKeyRotationState(), {
        type: 'KeyRotationBatchCompleted',
        data: { ...by('w', 't1'), batch: 1, done: 1, failed: 0 },
      }),
    ).toEqual({
      status: 'absent',
    });
  });

  it('names the stream key-rotation-<id>', () => {
    expect(keyRotationStreamId('abc')).toBe('key-rotation-abc');
  });
});
