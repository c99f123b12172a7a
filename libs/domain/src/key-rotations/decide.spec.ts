import { expectRejected } from '../../../../test/support/expect-rejected.js';
import { decideKeyRotation } from './decide.js';
import { foldKeyRotation } from './evolve.js';
import type { KeyRotationCommand, KeyRotationEvent } from './types.js';

const rotationId = 'rot-1';
const t0 = '2026-03-01T10:00:00.000Z';
const t1 = '2026-03-01T10:00:02.500Z';
const admin = { actor: 'bootstrap-admin', now: t0 };
const worker = { actor: 'system:worker', now: t1 };

const requested: KeyRotationEvent = {
  type: 'KeyRotationRequested',
  data: { rotationId, actor: 'bootstrap-admin', at: t0, mode: 'rewrap', targetKekId: 'k2' },
};
const batch = (n: number, done: number, failed = 0): KeyRotationEvent => ({
  type: 'KeyRotationBatchCompleted',
  data: { rotationId, actor: 'system:worker', at: t1, batch: n, done, failed },
});
const completed: KeyRotationEvent = {
  type: 'KeyRotationCompleted',
  data: { rotationId, actor: 'system:worker', at: t1, total: 3, done: 3, failed: 0, durationMs: 2500 },
};

const commands = {
  request: { type: 'RequestKeyRotation', data: { rotationId, mode: 'rewrap', targetKekId: 'k2' }, metadata: admin },
  batch: { type: 'RecordKeyRotationBatch', data: { rotationId, done: 500, failed: 0 }, metadata: worker },
  finish: { type: 'FinishKeyRotation', data: { rotationId, total: 3 }, metadata: worker },
  fail: { type: 'FailKeyRotation', data: { rotationId, total: 3, reason: 'worker keyring lacks k2' }, metadata: worker },
} satisfies Record<string, KeyRotationCommand>;

function given(events: KeyRotationEvent[]) {
  return { when: (command: KeyRotationCommand) => decideKeyRotation(command, foldKeyRotation(events)) };
}

describe('decideKeyRotation', () => {
  it('requests a rotation with its mode, target master key, actor and time', () => {
    expect(given([]).when(commands.request)).toEqual([requested]);
  });

  it('requests a rotation only once per stream and only in a known mode', () => {
    expectRejected(() => given([requested]).when(commands.request), 'INVALID_STATE');
    const bad = { ...commands.request, data: { ...commands.request.data, mode: 'shred' as never } };
    expectRejected(() => given([]).when(bad), 'VALIDATION_FAILED');
  });

  it('numbers batches from 1 in the order they are recorded', () => {
    expect(given([requested]).when(commands.batch)).toEqual([batch(1, 500)]);
    expect(given([requested, batch(1, 500), batch(2, 500)]).when(commands.batch)).toEqual([batch(3, 500)]);
  });

  it('refuses an empty batch and a batch of an unknown or ended rotation', () => {
    expectRejected(() => given([requested]).when({ ...commands.batch, data: { rotationId, done: 0, failed: 0 } }), 'INVALID_STATE');
    expectRejected(() => given([]).when(commands.batch), 'NOT_FOUND');
    expectRejected(() => given([requested, completed]).when(commands.batch), 'INVALID_STATE');
  });

  it('completes with the summed counts and the time since the request', () => {
    expect(given([requested, batch(1, 2), batch(2, 1)]).when(commands.finish)).toEqual([completed]);
  });

  it('ends as failed when data keys could not be processed: they are still under the old master key', () => {
    const [event] = given([requested, batch(1, 2, 1)]).when(commands.finish);
    expect(event).toMatchObject({ type: 'KeyRotationFailed', data: { total: 3, done: 2, failed: 1, durationMs: 2500 } });
    expect((event!.data as { reason: string }).reason).toMatch(/1 data key\(s\) could not be unwrapped/);
  });

  it('fails an open rotation with the given reason', () => {
    expect(given([requested, batch(1, 2)]).when(commands.fail)).toEqual([
      {
        type: 'KeyRotationFailed',
        data: {
          rotationId,
          actor: 'system:worker',
          at: t1,
          total: 3,
          done: 2,
          failed: 0,
          durationMs: 2500,
          reason: 'worker keyring lacks k2',
        },
      },
    ]);
  });

  it('ends exactly once: finishing or failing an ended rotation decides nothing', () => {
    expect(given([requested, completed]).when(commands.finish)).toEqual([]);
    expect(given([requested, completed]).when(commands.fail)).toEqual([]);
  });
});
