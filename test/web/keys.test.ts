import pg from 'pg';
import type { Locator } from 'playwright-core';
import { ADMIN_TOKEN, startTestApi, TEST_MASTER_KEY } from '../support/api.js';
import { eventually } from '../support/async.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createCredentials, NEW_KEY, NO_HEALTH_SCHEDULE, OLD_KEYS, ROTATED_KEYS, wrongReveals } from '../support/key-rotation.js';
import { createPrincipal } from '../support/principals.js';

// The Keys page: the keyring without key material, a master-key rotation
// started behind a confirmation and followed on a live bar to its end, the
// refusals and failures of the API in its own words. The credentials are
// made under k1, then the API and its worker run with k2 first, as an
// operator does before rotating (README, "Master-key rotation").
const SUITE = 'web_keys';
const CREDENTIALS = 60;
const BATCH_SIZE = 5;

let db: TestDatabase;
let harness: ConsoleHarness;
let secrets: Map<string, string>;
const tabs: ConsolePage[] = [];
let failedRotation: string;
const clients: pg.Client[] = [];

beforeAll(async () => {
  db = await createTestDatabase(SUITE);
  const before = await startTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: OLD_KEYS }, { database: db });
  secrets = await createCredentials(before, 'web', CREDENTIALS);
  await before.close();
  const env = { KEYLEDGER_MASTER_KEYS: ROTATED_KEYS, KEYLEDGER_ROTATION_BATCH_SIZE: String(BATCH_SIZE), ...NO_HEALTH_SCHEDULE };
  harness = await startConsole(SUITE, env, { database: db });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await Promise.all(tabs.map((t) => t.context.close()));
  await harness?.close();
  await db?.close();
});

async function adminTab(path = 'keys'): Promise<ConsolePage> {
  const tab = await harness.newPage();
  tabs.push(tab);
  await tab.signIn(ADMIN_TOKEN, path);
  await tab.page.getByRole('heading', { name: 'Master keys' }).waitFor();
  return tab;
}

/** A session of its own on the test database, named so a test can see it wait. */
async function session(name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db.url, application_name: name });
  await client.connect();
  clients.push(client);
  return client;
}

const sql = <T>(query: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(query, params);
const progressOf = async (id: string) => (await harness.api.request('GET', `/v1/keys/rotations/${id}`)).json();
const bar = (tab: ConsolePage) => tab.page.getByRole('progressbar', { name: 'Rotation progress' });
const numberOf = async (locator: Locator, attribute: 'value' | 'max') => Number(await locator.getAttribute(attribute));
const keyRow = (tab: ConsolePage, kekId: string) =>
  tab.page
    .getByRole('region', { name: 'Keyring' })
    .getByRole('row')
    .filter({ has: tab.page.getByRole('rowheader', { name: kekId }) });

async function confirmRotation(tab: ConsolePage, mode: 'Rewrap' | 'Re-encrypt' = 'Rewrap'): Promise<void> {
  await tab.page.getByRole('button', { name: 'Start rotation…' }).click();
  const dialog = tab.page.getByRole('dialog', { name: 'Start a master-key rotation?' });
  await dialog.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  await dialog.getByRole('button', { name: 'Start rotation' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The rotation the page follows, by the id its deep link carries. */
async function followedRotation(tab: ConsolePage): Promise<string> {
  const link = tab.page.getByRole('link', { name: 'Link to this rotation' });
  return /\/ui\/keys\/rotations\/([0-9a-f-]{36})$/.exec((await link.getAttribute('href')) ?? '')![1]!;
}

describe('the keyring', () => {
  it('lists each master key with its status and data keys, and no key material anywhere in the page', async () => {
    const tab = await harness.newPage();
    tabs.push(tab);
    await tab.signIn(ADMIN_TOKEN);
    await tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys' }).click();
    await tab.page.getByRole('heading', { name: 'Master keys' }).waitFor();
    await expect(keyRow(tab, 'k2').innerText()).resolves.toMatch(/Active.*Wraps every new data key/s);
    await expect(keyRow(tab, 'k1').innerText()).resolves.toMatch(new RegExp(`\\b${CREDENTIALS}\\b.*Still needed`, 's'));
    await tab.page.getByText('No master-key rotation yet.').waitFor();

    const material = [TEST_MASTER_KEY, NEW_KEY.slice('k2:'.length)];
    for (const { wrapped } of await sql<{ wrapped: string }>('select wrapped from kl_data_keys')) material.push(wrapped);
    const page = await tab.page.content();
    const stored = await tab.storedText();
    for (const value of material) {
      expect(page).not.toContain(value);
      expect(stored).not.toContain(value);
      expect(tab.urls.join('\n')).not.toContain(value);
    }
  });

  it.each(['operator', 'auditor'] as const)('shows an %s no Keys link and no rotation button, and asks the API nothing', async (role) => {
    const { token } = await createPrincipal(harness.api, role);
    const tab = await harness.newPage();
    tabs.push(tab);
    await tab.signIn(token, 'keys');
    await tab.page.getByText(`Master keys and their rotation are for admins only; you are signed in as ${role}.`).waitFor();
    await expect(tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys' }).count()).resolves.toBe(0);
    await expect(tab.page.getByRole('button', { name: /Start rotation/ }).count()).resolves.toBe(0);
    expect(tab.urls.filter((url) => url.includes('/v1/keys'))).toEqual([]);
  });
});

describe('a rotation started in the console', () => {
  it('runs to completion on a live bar that reports the progress on the way, and picks it up again on return', async () => {
    const tab = await adminTab();
    // Batches lock their data-key rows: while this session holds the table, every batch taken waits. A table
    // lock takes no transaction id, so the job dispatcher still sees the request and a worker plans it.
    const gate = await session('web_keys_gate');
    await gate.query('begin');
    await gate.query('lock table kl_data_keys in exclusive mode');

    await tab.page.getByRole('button', { name: 'Start rotation…' }).click();
    const dialog = tab.page.getByRole('dialog', { name: 'Start a master-key rotation?' });
    await dialog.getByText(`Rewrap: the ${CREDENTIALS} data keys under other master keys are wrapped again`).waitFor();
    await dialog.getByRole('button', { name: 'Start rotation' }).click();
    await tab.page.getByRole('status').filter({ hasText: 'Rotation started.' }).waitFor();
    const rotationId = await followedRotation(tab);
    await eventually(async () => (await progressOf(rotationId)).status === 'running', 30_000, 'the rotation planned');
    await tab.page
      .getByLabel('Data keys done')
      .filter({ hasText: `0/${CREDENTIALS} (0%)` })
      .waitFor();

    // The batch of the last data key (batches take keys in dek_id order) waits on this row lock, so the bar
    // stops short of the end until the test lets it go.
    const items = await sql<{ dek_id: string }>('select dek_id from kl_key_rotation_items where rotation_id = ? order by dek_id', [
      rotationId,
    ]);
    const lastKey = items.at(-1)!.dek_id;
    const holder = await session('web_keys_holder');
    await holder.query('begin');
    const held = holder.query('select dek_id from kl_data_keys where dek_id = $1 for update', [lastKey]);
    await eventually(
      async () =>
        (
          await sql(
            `select 1 from pg_stat_activity where application_name = 'web_keys_holder' and wait_event_type = 'Lock'
             and datname = current_database()`,
          )
        ).length === 1,
      10_000,
      'the holder queued behind the table lock',
    );
    await gate.query('commit');
    await held;

    const stalled = CREDENTIALS - BATCH_SIZE;
    await eventually(async () => (await progressOf(rotationId)).done === stalled, 60_000, 'every batch but the held one done');
    await tab.page
      .getByLabel('Data keys done')
      .filter({ hasText: `${stalled}/${CREDENTIALS} (91%)` })
      .waitFor({ timeout: 15_000 });
    expect([await numberOf(bar(tab), 'value'), await numberOf(bar(tab), 'max')]).toEqual([stalled, CREDENTIALS]);
    await expect(tab.page.getByLabel('Rate').innerText()).resolves.toMatch(/^(\?|\d+(\.\d)?)\/s$/);
    await expect(tab.page.getByLabel('Time left').innerText()).resolves.toMatch(/^(\?|\d+s|\d+m\d\ds)$/);
    await expect(tab.page.getByRole('button', { name: 'Start rotation…' }).isDisabled()).resolves.toBe(true);
    // The list of rotations follows the one in progress.
    const recent = tab.page.getByRole('region', { name: 'Recent rotations' });
    await recent
      .getByRole('row')
      .nth(1)
      .filter({ hasText: `running` })
      .filter({ hasText: `${stalled}/${CREDENTIALS}` })
      .waitFor();
    await screenshotBothSchemes(tab.page, 'keys');

    // Away and back: the page finds the rotation in progress again; its deep link shows it too.
    await tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credentials' }).click();
    await tab.page.getByRole('heading', { name: 'Credentials' }).waitFor();
    await expect(bar(tab).count()).resolves.toBe(0);
    await tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys' }).click();
    await tab.page
      .getByLabel('Data keys done')
      .filter({ hasText: `${stalled}/${CREDENTIALS}` })
      .waitFor();
    expect(await followedRotation(tab)).toBe(rotationId);
    await tab.page.getByRole('link', { name: 'Link to this rotation' }).click();
    await tab.page.waitForURL(`${harness.url}keys/rotations/${rotationId}`);
    await tab.page
      .getByLabel('Data keys done')
      .filter({ hasText: `${stalled}/${CREDENTIALS}` })
      .waitFor();

    await holder.query('commit');
    await tab.page.getByRole('status').filter({ hasText: 'Every data key is now wrapped by k2.' }).waitFor({ timeout: 60_000 });
    await tab.page
      .getByLabel('Data keys done')
      .filter({ hasText: `${CREDENTIALS}/${CREDENTIALS} (100%)` })
      .waitFor();
    expect([await numberOf(bar(tab), 'value'), await numberOf(bar(tab), 'max')]).toEqual([CREDENTIALS, CREDENTIALS]);
    expect(await progressOf(rotationId)).toMatchObject({ status: 'completed', total: CREDENTIALS, done: CREDENTIALS, failed: 0 });
    // The keyring and the list of rotations follow the end.
    await expect(keyRow(tab, 'k1').innerText()).resolves.toMatch(/\b0\b.*No data key needs it/s);
    await expect(recent.getByRole('row').nth(1).innerText()).resolves.toMatch(new RegExp(`completed.*${CREDENTIALS}/${CREDENTIALS}`, 's'));
    await expect(tab.page.getByRole('button', { name: 'Start rotation…' }).isEnabled()).resolves.toBe(true);
    // Every secret still opens, through the API, under the new master key.
    expect(await wrongReveals(harness.api, secrets)).toEqual([]);
  }, 180_000);

  it('shows the refusal of a second rotation in the API’s words, and follows the one in progress', async () => {
    const tab = await adminTab();
    await expect(tab.page.getByRole('button', { name: 'Start rotation…' }).isEnabled()).resolves.toBe(true);
    // A session with a transaction id holds the job dispatcher before the request, which stays pending.
    const holder = await session('web_keys_pending');
    await holder.query('begin');
    await holder.query('select pg_current_xact_id()');
    const other = await harness.api.request('POST', '/v1/keys/rotations');
    expect(other.statusCode).toBe(202);
    const { rotationId } = other.json();

    await confirmRotation(tab);
    await tab.page
      .getByRole('alert')
      .filter({ hasText: `key rotation ${rotationId} is pending; start another once it has ended` })
      .waitFor();
    await tab.page.getByRole('status').filter({ hasText: 'The rotation in progress is shown below.' }).waitFor();
    expect(await followedRotation(tab)).toBe(rotationId);
    await tab.page.getByText('Waiting for a worker to plan it').waitFor();
    // Not counted yet: the bar has no value (indeterminate).
    expect(await bar(tab).getAttribute('value')).toBeNull();

    await holder.query('commit');
    await tab.page.getByRole('status').filter({ hasText: 'Every data key is now wrapped by k2.' }).waitFor({ timeout: 60_000 });
    expect((await sql<{ n: number }>('select count(*)::int as n from kl_key_rotations')).at(0)).toEqual({ n: 2 });
  }, 120_000);

  it('shows why a rotation failed, as the API gives it', async () => {
    const created = await harness.api.request('POST', '/v1/credentials', {
      body: { name: 'unopenable', type: 'openai', secret: `sk-proj-${'u'.repeat(40)}` },
    });
    expect(created.statusCode).toBe(201);
    // Its data key's wrapping replaced by another key's: it no longer unwraps, as after a damaged row.
    await sql(
      `update kl_data_keys set wrapped = (select wrapped from kl_data_keys o where o.credential_id <> ? limit 1) where credential_id = ?`,
      [created.json().id, created.json().id],
    );
    const tab = await adminTab();
    await confirmRotation(tab, 'Re-encrypt');
    const reason = '1 data key(s) could not be unwrapped; they stay under their old master key';
    await tab.page
      .getByRole('status')
      .filter({ hasText: `The rotation failed: ${reason}` })
      .waitFor({ timeout: 60_000 });
    const rotationId = await followedRotation(tab);
    failedRotation = rotationId;
    expect(await progressOf(rotationId)).toMatchObject({ status: 'failed', mode: 'reencrypt', failed: 1, reason });
    const recent = tab.page.getByRole('region', { name: 'Recent rotations' });
    await expect(recent.getByRole('row').nth(1).innerText()).resolves.toMatch(
      new RegExp(`failed.*${reason.replace(/[()]/g, '\\$&')}`, 's'),
    );
  }, 120_000);

  it('opens a rotation from its link and stays readable on a phone', async () => {
    const phone = await harness.newPage({ viewport: { width: 390, height: 844 } });
    tabs.push(phone);
    await phone.signIn(ADMIN_TOKEN, `keys/rotations/${failedRotation}`);
    await phone.page.getByRole('status').filter({ hasText: 'The rotation failed:' }).waitFor();
    expect(await followedRotation(phone)).toBe(failedRotation);
    await expect(phone.page.getByRole('region', { name: 'Recent rotations' }).getByRole('row').count()).resolves.toBe(4);
    // The page itself never scrolls sideways; only the tables do, inside their boxes.
    await expect(phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
    await expect(phone.page.getByRole('button', { name: 'Start rotation…' }).isVisible()).resolves.toBe(true);
  });
});
