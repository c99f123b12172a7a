import { Queue } from 'bullmq';
import { EnvKeyProvider } from '#crypto';
import { fixedClock, systemEnvironment, type CommandEnvironment } from '#event-store';
import { EXPIRY_QUEUE, queueConnection } from '#runtime';
import { Vault } from '#secrets';
import { enqueueDueReminders, FIND_DUE, type ReminderJobData } from '../../apps/worker/src/expiry/expiry-scan.js';
import { remindExpiry } from '../../apps/worker/src/expiry/remind-expiry.js';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

// The scanner and the reminder jobs, driven directly with a chosen clock:
// each threshold is recorded once per expiry date, whether the scanner runs
// twice, late, or a job runs again after Redis forgot it.
const prefix = testRedisPrefix('expiry_reminders');
const DAY = 86_400_000;
let api: TestApi;
let vault: Vault;
let queue: Queue;

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  api = await startTestApi('expiry_reminders', { KEYLEDGER_REDIS_PREFIX: prefix });
  vault = new Vault(new EnvKeyProvider(api.config.masterKeys));
  queue = new Queue(EXPIRY_QUEUE, queueConnection(api.config));
});
afterAll(async () => {
  await queue.close();
  await api.close();
  await deleteRedisKeys(prefix);
});
beforeEach(() => queue.obliterate({ force: true }));

const thresholds = () => api.config.expiry.reminders;
const at = (expiresAt: string, offsetMs: number) => new Date(Date.parse(expiresAt) + offsetMs);

async function create(name: string, expiresAt: string): Promise<string> {
  const reply = await api.request('POST', '/v1/credentials', { body: { ...openAiCredential(name), expiresAt } });
  expect(reply.statusCode).toBe(201);
  return reply.json().id;
}

/** Reminders are judged at the clock's now: these tests run them at chosen instants. */
const envAt = (now: Date): CommandEnvironment => ({ ...systemEnvironment(), clock: fixedClock(now) });

/**
 * One scan at `now`, then every queued reminder job run once at `now` (and
 * removed, as Redis would eventually). Reports on the credentials `ids` only:
 * the other tests' credentials share the database.
 */
async function scanAndRun(now: Date, ...ids: string[]): Promise<{ jobs: ReminderJobData[]; recorded: string[] }> {
  const jobs = await enqueueDueReminders(api.orm, queue, thresholds(), now);
  const recorded: string[] = [];
  for (const job of await queue.getJobs(['waiting', 'prioritized', 'delayed'])) {
    const events = await remindExpiry(api.orm, vault, envAt(now), job.data);
    recorded.push(
      ...events.map((e) =>
        e.type === 'CredentialExpiryReminded' ? `${e.data.credentialId}:${e.data.threshold}` : `${e.data.credentialId}:expired`,
      ),
    );
    await job.remove();
  }
  const mine = (id: string) => ids.includes(id);
  return { jobs: jobs.filter((job) => mine(job.credentialId)), recorded: recorded.filter((r) => mine(r.split(':')[0]!)).sort() };
}

async function reminderEvents(id: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const reply = await api.request('GET', `/v1/credentials/${id}/events`);
  return (reply.json().events as { type: string; data: Record<string, unknown> }[]).filter((e) => e.type.startsWith('CredentialExpi'));
}

it('records each threshold once, in turn, then the expiry, which a GET shows', async () => {
  const expiresAt = new Date(Date.now() + 40 * DAY).toISOString();
  const id = await create('expiry-in-turn', expiresAt);
  expect((await scanAndRun(new Date(), id)).recorded).toEqual([]);
  for (const [offset, label] of [
    [-29 * DAY, '30d'],
    [-6 * DAY, '7d'],
    [-12 * 3600_000, '1d'],
  ] as const) {
    expect((await scanAndRun(at(expiresAt, offset), id)).recorded).toEqual([`${id}:${label}`]);
    expect((await scanAndRun(at(expiresAt, offset + 60_000), id)).recorded).toEqual([]);
  }
  expect((await api.request('GET', `/v1/credentials/${id}`)).json()).toMatchObject({ expired: false, version: 4 });
  expect((await scanAndRun(at(expiresAt, 1000), id)).recorded).toEqual([`${id}:expired`]);
  const detail = (await api.request('GET', `/v1/credentials/${id}`)).json();
  expect(detail).toMatchObject({ expired: true, expiresAt, version: 5, updatedBy: 'bootstrap-admin' });
  expect(detail).not.toHaveProperty('expiryRemindedSeconds');
  expect((await scanAndRun(at(expiresAt, DAY), id)).jobs).toEqual([]);
  const events = await reminderEvents(id);
  expect(events.map((e) => e.data.threshold ?? 'expired')).toEqual(['30d', '7d', '1d', 'expired']);
  expect(events[1]!.data).toMatchObject({
    credentialId: id,
    threshold: '7d',
    thresholdSeconds: 604_800,
    expiresAt,
    actor: 'system:worker',
  });
});

it('adds each job once when the scanner runs twice, and a job run twice records once', async () => {
  const expiresAt = new Date(Date.now() + 40 * DAY).toISOString();
  const id = await create('expiry-twice', expiresAt);
  const now = at(expiresAt, -6 * DAY);
  const first = await enqueueDueReminders(api.orm, queue, thresholds(), now);
  const second = await enqueueDueReminders(api.orm, queue, thresholds(), now);
  expect(second).toEqual(first);
  const mine = (await queue.getJobs(['waiting'])).filter((job) => job.data.credentialId === id);
  expect(mine.map((job) => job.id)).toEqual([`expiry.${id}.7d.${Date.parse(expiresAt)}`]);
  // The job ran, Redis forgot it, a scan at the same moment asked again: the domain records nothing more.
  expect(await remindExpiry(api.orm, vault, envAt(now), mine[0]!.data)).toHaveLength(1);
  expect(await remindExpiry(api.orm, vault, envAt(now), mine[0]!.data)).toEqual([]);
  expect((await reminderEvents(id)).map((e) => e.data.threshold)).toEqual(['7d']);
});

it('sends only the most urgent due threshold when the scanner runs late, and never the skipped ones', async () => {
  const expiresAt = new Date(Date.now() + 40 * DAY).toISOString();
  const id = await create('expiry-late', expiresAt);
  expect((await scanAndRun(at(expiresAt, -12 * 3600_000), id)).recorded).toEqual([`${id}:1d`]);
  // A stale 30d job found in the queue later changes nothing either.
  const stale = { credentialId: id, threshold: '30d', thresholdSeconds: 30 * 86_400, expiresAt };
  expect(await remindExpiry(api.orm, vault, envAt(at(expiresAt, -11 * 3600_000)), stale)).toEqual([]);
  const past = await create('expiry-already-past', new Date(Date.now() - DAY).toISOString());
  expect((await scanAndRun(new Date(), past)).recorded).toEqual([`${past}:expired`]);
});

it('re-arms every threshold when expiresAt changes, and ignores jobs for the old date', async () => {
  const expiresAt = new Date(Date.now() + 40 * DAY).toISOString();
  const id = await create('expiry-moved', expiresAt);
  const [oldJob] = (await scanAndRun(at(expiresAt, -6 * DAY), id)).jobs;
  const moved = new Date(Date.parse(expiresAt) + 30 * DAY).toISOString();
  const patched = await api.request('PATCH', `/v1/credentials/${id}`, { body: { expiresAt: moved } });
  expect(patched.json()).toMatchObject({ expiresAt: moved, expired: false });
  expect(await remindExpiry(api.orm, vault, envAt(at(expiresAt, 1000)), oldJob!)).toEqual([]);
  expect((await scanAndRun(at(moved, -6 * DAY), id)).recorded).toEqual([`${id}:7d`]);
  const dates = (await reminderEvents(id)).map((e) => e.data.expiresAt);
  expect(dates).toEqual([expiresAt, moved]);
});

it('reminds active credentials only', async () => {
  const expiresAt = new Date(Date.now() + 40 * DAY).toISOString();
  const id = await create('expiry-inactive', expiresAt);
  expect((await api.request('DELETE', `/v1/credentials/${id}`)).statusCode).toBe(200);
  expect((await scanAndRun(at(expiresAt, 1000), id)).jobs).toEqual([]);
  const job = { credentialId: id, threshold: '0', thresholdSeconds: 0, expiresAt };
  expect(await remindExpiry(api.orm, vault, envAt(at(expiresAt, 1000)), job)).toEqual([]);
});

it('finds due credentials with one query on the partial expiry index', async () => {
  const params = [
    '{2592000,604800,86400,0}',
    new Date().toISOString(),
    new Date().toISOString(),
    2_592_000,
    '-infinity',
    '00000000-0000-0000-0000-000000000000',
    500,
  ];
  const plan = await api.orm.em.fork().transactional(async (tx) => {
    await tx.execute('set local enable_seqscan = off');
    return tx.execute<{ 'QUERY PLAN': string }[]>(`explain ${FIND_DUE}`, params);
  });
  expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('kl_credentials_expiry_due_idx');
});
