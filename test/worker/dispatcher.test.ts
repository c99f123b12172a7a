import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { appendToStream, readCheckpoint, resetCheckpoint, type RecordedEvent } from '#event-store';
import { jobIdOf } from '#runtime';
import { DISPATCH_CONSUMER, JobDispatcher } from '../../apps/worker/src/dispatch/job-dispatcher.js';
import type { JobRoute } from '../../apps/worker/src/dispatch/job-route.js';
import { eventually } from '../support/async.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

// The dispatcher against the real Postgres and Redis. Redis outages are made
// with a relay in front of the shared server, never by stopping it.
const prefix = testRedisPrefix('worker_dispatch');
const QUEUE = 'probes';

let db: TestDatabase;
let proxy: TcpProxy;
let queue: Queue;
const routed: string[] = [];

const route: JobRoute = {
  queue: QUEUE,
  eventTypes: ['ProbeRequested'],
  toJobs(event: RecordedEvent) {
    routed.push(event.data.probeId);
    return [{ name: 'probe', jobId: jobIdOf('probe', event.data.probeId), data: { probeId: event.data.probeId } }];
  },
};

const dispatcher = (enqueueTimeoutMs = 2000) =>
  new JobDispatcher(db.orm, new Map([[QUEUE, queue]]), [route], { enqueueTimeoutMs, batchSize: 100 });

async function commit(...types: string[]): Promise<string[]> {
  const ids = types.map(() => randomUUID());
  await db.orm.em.fork().transactional((tx) =>
    appendToStream(
      tx,
      `probe-${ids[0]}`,
      types.map((type, i) => ({ type, data: { probeId: ids[i] } })),
      {
        streamType: 'probe',
        tenant: 'default',
        expectedVersion: 'no_stream',
      },
    ),
  );
  return ids;
}

/**
 * Dispatches until `done`: a transaction still running anywhere in the
 * cluster (another test file's) hides later commits from the safe read for
 * a moment, so one round may not see what was just committed.
 */
async function dispatchUntil(
  done: () => boolean | Promise<boolean>,
  what: string,
  rounds: () => Promise<unknown> = () => dispatcher().dispatchOnce(),
): Promise<void> {
  await eventually(
    async () => {
      await rounds();
      return done();
    },
    10000,
    what,
  );
}

const checkpoint = () => db.orm.em.fork().transactional((tx) => readCheckpoint(tx, DISPATCH_CONSUMER));
const waitingIds = async () => (await queue.getJobs(['waiting', 'completed', 'active'])).map((job) => job.id).sort();

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  db = await createTestDatabase('worker_dispatch');
  proxy = await startTcpProxy(6379);
  queue = new Queue(QUEUE, { connection: { url: proxy.url }, prefix });
  queue.on('error', () => {});
});

afterAll(async () => {
  await queue.close();
  await proxy.close();
  await db.close();
  await deleteRedisKeys(prefix);
});

beforeEach(async () => {
  await queue.obliterate({ force: true });
  routed.length = 0;
});

it('enqueues the jobs committed events ask for, under deterministic ids, and moves its checkpoint past the others', async () => {
  const [probe, unrelated] = await commit('ProbeRequested', 'SomethingElse');
  await dispatchUntil(() => routed.includes(probe!), 'the probe dispatched');
  const job = await queue.getJob(`probe.${probe}`);
  expect(job?.data).toEqual({ probeId: probe });
  expect(routed).toEqual([probe]);
  expect(routed).not.toContain(unrelated);
  expect(await dispatcher().dispatchOnce()).toBe(0);
});

it('adds nothing twice and reruns nothing when a batch is dispatched again after a crash', async () => {
  const ran: string[] = [];
  const worker = new Worker(QUEUE, async (job) => void ran.push(job.id!), { connection: { url: proxy.url }, prefix });
  try {
    const [probe] = await commit('ProbeRequested');
    await dispatchUntil(() => routed.includes(probe!), 'the probe dispatched');
    await eventually(async () => ran.includes(`probe.${probe}`), 5000, 'the job ran');
    // A crash between the adds and the checkpoint commit: the next round reads the same events.
    await db.orm.em.fork().transactional((tx) => resetCheckpoint(tx, DISPATCH_CONSUMER));
    await dispatchUntil(() => routed.filter((id) => id === probe).length === 2, 'the probe dispatched again');
    // A later job, enqueued after the second dispatch, runs after anything that dispatch enqueued (one at a time, in order).
    const [marker] = await commit('ProbeRequested');
    await dispatchUntil(() => routed.includes(marker!), 'the marker dispatched');
    await eventually(async () => ran.includes(`probe.${marker}`), 5000, 'the marker job ran');
    expect(ran.filter((id) => id === `probe.${probe}`)).toHaveLength(1);
    expect((await queue.getJob(`probe.${probe}`))?.finishedOn).toBeDefined();
  } finally {
    await worker.close();
  }
});

it('keeps the events whose jobs Redis could not take, and enqueues them once it is reachable again', async () => {
  await dispatcher().dispatchOnce();
  const before = await checkpoint();
  await proxy.pause();
  let probe: string | undefined;
  try {
    [probe] = await commit('ProbeRequested');
    await eventually(async () => (await queue.getBackend().client).status !== 'ready', 5000, 'the queue sees Redis gone');
    await expect(dispatcher(500).dispatchOnce()).rejects.toThrow(/queue probes: Redis connection is (connecting|reconnecting)/);
    expect(await checkpoint()).toEqual(before);
  } finally {
    await proxy.resume();
  }
  await eventually(
    async () => {
      await dispatcher(1000)
        .dispatchOnce()
        .catch(() => 0);
      return (await waitingIds()).includes(`probe.${probe!}`);
    },
    15000,
    'dispatch after Redis came back',
  );
  expect((await checkpoint()).globalPosition).toBeGreaterThan(before.globalPosition);
}, 30000);

it('lets one dispatcher at a time handle a batch: each event is routed once', async () => {
  await dispatcher().dispatchOnce();
  const ids = await commit(...Array.from({ length: 20 }, () => 'ProbeRequested'));
  const concurrently = () => Promise.all([dispatcher().dispatchOnce(), dispatcher().dispatchOnce(), dispatcher().dispatchOnce()]);
  await dispatchUntil(() => ids.every((id) => routed.includes(id)), 'all 20 dispatched', concurrently);
  expect(routed.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  expect(await waitingIds()).toEqual(expect.arrayContaining(ids.map((id) => `probe.${id}`)));
});

it('refuses routes to a queue it was not given', () => {
  expect(() => new JobDispatcher(db.orm, new Map(), [route])).toThrow(/unregistered queues: probes/);
});
