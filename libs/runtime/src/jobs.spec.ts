import {
  credentialTestJobId,
  deliveryJobId,
  fanoutJobId,
  jobIdOf,
  keyRotationBatchJobId,
  keyRotationPlanJobId,
  QUEUE_NAMES,
  reminderJobId,
  replayJobId,
  scheduledTestJobId,
} from './jobs.js';

describe('jobIdOf', () => {
  it('joins the parts with dots, the same parts always giving the same id', () => {
    expect(jobIdOf('test', 'c1', 'r1')).toBe('test.c1.r1');
    expect(jobIdOf('health', 'c1', 1700000000000)).toBe(jobIdOf('health', 'c1', 1700000000000));
  });

  it("refuses ':' (BullMQ reserves it) and empty parts", () => {
    expect(() => jobIdOf('test', 'a:b')).toThrow(/free of ':'/);
    expect(() => jobIdOf('test', '')).toThrow(/non-empty/);
  });
});

describe('job ids', () => {
  it('follow from the request, event or slot alone', () => {
    expect(credentialTestJobId('c1', 'r1')).toBe('test.c1.r1');
    expect(scheduledTestJobId('c1', 1700000000000)).toBe('health.c1.1700000000000');
    expect(reminderJobId({ credentialId: 'c1', threshold: '7d', expiresAt: '2030-01-01T00:00:00.000Z' })).toBe(
      'expiry.c1.7d.1893456000000',
    );
    expect(fanoutJobId('e1')).toBe('fanout.e1');
    expect(replayJobId('d1', 2)).toBe('replay.d1.2');
    expect(deliveryJobId('w1', 'e1', 0)).toBe('webhook.w1.e1');
    expect(deliveryJobId('w1', 'e1', 3)).toBe('webhook.w1.e1.replay.3');
    expect(keyRotationPlanJobId('r1')).toBe('key-rotation.r1.plan');
    expect(keyRotationBatchJobId('r1', 4)).toBe('key-rotation.r1.batch.4');
  });
});

it('names every queue once, none with a colon', () => {
  expect(new Set(QUEUE_NAMES).size).toBe(QUEUE_NAMES.length);
  expect(QUEUE_NAMES.filter((name) => name.includes(':'))).toEqual([]);
});
