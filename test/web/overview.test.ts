import { Queue } from 'bullmq';
import { KEY_ROTATION_QUEUE, queueConnection } from '#runtime';
import { ADMIN_TOKEN, openAiCredential, openAiKey } from '../support/api.js';
import { eventually } from '../support/async.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage, type PageOptions } from '../support/browser.js';
import { answer, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// The console's landing page: counts by status and category, what expires
// within 30 days, what fails its health check, whether the event log still
// verifies and a master-key rotation in progress; each role sees what it may read.
const DAY = 86_400_000;
const XSS_NAME = '<img src=x onerror="window.__xss=1">';
const SECRET = openAiKey('OverviewSecret42');
let harness: ConsoleHarness;
let site: LoopbackHttp;
let service: TestPrincipal;
let auditor: TestPrincipal;
let operator: TestPrincipal;
let failingError: string;
const ids: Record<string, string> = {};
let open: ConsolePage[] = [];

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function create(body: Record<string, unknown>): Promise<string> {
  const reply = await harness.api.request('POST', '/v1/credentials', { body });
  if (reply.statusCode !== 201) throw new Error(`create ${String(body.name)}: ${reply.statusCode} ${reply.body}`);
  ids[String(body.name)] = reply.json().id;
  return reply.json().id;
}

beforeAll(async () => {
  harness = await startConsole('web_overview');
  // A login page that refuses every password: the health check of `intranet` fails.
  site = await startLoopbackHttp((_request, response) => answer(response, false));
  await create({ ...openAiCredential('chat-prod', SECRET), expiresAt: inDays(3) });
  await create({ name: XSS_NAME, type: 'api_key', secret: 'Xss-Probe-Secret-556677', expiresAt: inDays(12) });
  await create({ name: 'lapsed-hook', type: 'bearer_token', secret: 'Lapsed-Hook-Secret-889900', expiresAt: inDays(-2) });
  await create({ ...openAiCredential('chat-later'), expiresAt: inDays(90) });
  const intranet = await create({
    name: 'intranet',
    type: 'http_basic',
    username: 'deploy',
    secret: 'Intranet-Wrong-Password-1',
    extra: { url: `${site.url}/login` },
  });
  const retired = await create({ name: 'retired', type: 'api_key', secret: 'Retired-Api-Key-Secret-3', expiresAt: inDays(1) });
  expect((await harness.api.request('DELETE', `/v1/credentials/${retired}`)).statusCode).toBe(200);

  expect((await harness.api.request('POST', `/v1/credentials/${intranet}/test`)).statusCode).toBe(202);
  const tested = () => harness.api.request('GET', `/v1/credentials/${intranet}`).then((r) => r.json());
  await eventually(async () => (await tested()).lastTestStatus === 'failed', 30_000, 'the failed health check recorded by the worker');
  failingError = (await tested()).lastTestError;

  [service, auditor, operator] = await Promise.all([
    createPrincipal(harness.api, 'service', { name: 'billing-service' }),
    createPrincipal(harness.api, 'auditor', { name: 'aldo-auditor' }),
    createPrincipal(harness.api, 'operator', { name: 'olivia-operator' }),
  ]);
  const grant = await harness.api.request('POST', `/v1/credentials/${ids['chat-prod']}/grants`, {
    body: { principalId: service.principalId, permission: 'use' },
  });
  expect(grant.statusCode).toBe(201);
}, 120_000);

afterEach(async () => {
  await Promise.all(open.map((p) => p.context.close()));
  open = [];
});

afterAll(async () => {
  await site?.close();
  await harness?.close();
});

async function overview(token: string, options?: PageOptions): Promise<ConsolePage> {
  const tab = await harness.newPage(options);
  open.push(tab);
  await tab.signIn(token);
  await tab.page.getByRole('heading', { name: 'Overview' }).waitFor();
  await tab.page.getByRole('heading', { name: /^Expiring within/ }).waitFor();
  return tab;
}

/** The number under a label of one of the count tiles. */
const count = (tab: ConsolePage, group: string, label: string) =>
  tab.page
    .getByRole('region', { name: 'Credentials' })
    .getByLabel(group)
    .locator('.tile')
    .filter({ hasText: new RegExp(`^${label}`) })
    .locator('dd')
    .innerText();

const listed = (tab: ConsolePage, region: string) => tab.page.getByRole('region', { name: region }).getByRole('link').allInnerTexts();

describe('the overview', () => {
  it('is the landing page, counting credentials by status and the active ones by category', async () => {
    const tab = await overview(ADMIN_TOKEN);
    expect(new URL(tab.page.url()).pathname).toBe('/ui/');
    await expect(
      tab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await expect(count(tab, 'By status', 'Active')).resolves.toBe('5');
    await expect(count(tab, 'By status', 'Inactive')).resolves.toBe('1');
    await expect(count(tab, 'By status', 'Destroyed')).resolves.toBe('0');
    await expect(count(tab, 'Active, by category', 'Services')).resolves.toBe('2');
    await expect(count(tab, 'Active, by category', 'Generic')).resolves.toBe('3');
    expect(await tab.page.content()).not.toContain(SECRET);
  });

  it('lists what expires within 30 days, expired first and soonest next, each linked to its page', async () => {
    const tab = await overview(ADMIN_TOKEN);
    const expiring = tab.page.getByRole('region', { name: 'Expiring within 30 days' });
    await expect(listed(tab, 'Expiring within 30 days')).resolves.toEqual(['lapsed-hook', 'chat-prod', XSS_NAME]);
    await expect(expiring.getByRole('listitem').nth(0).innerText()).resolves.toMatch(/Expired 2 days ago/);
    await expect(expiring.getByRole('listitem').nth(1).innerText()).resolves.toMatch(/Expires in (2|3) days/);
    await expiring.getByRole('link', { name: 'chat-prod' }).click();
    await tab.page.getByRole('heading', { name: 'chat-prod' }).waitFor();
    expect(new URL(tab.page.url()).pathname).toBe(`/ui/credentials/${ids['chat-prod']}`);
  });

  it('lists the credentials failing their health check with the last test message', async () => {
    const tab = await overview(ADMIN_TOKEN);
    const failing = tab.page.getByRole('region', { name: 'Failing health checks' });
    await expect(listed(tab, 'Failing health checks')).resolves.toEqual(['intranet']);
    expect(failingError).toMatch(/401/);
    await expect(failing.getByText(failingError, { exact: true }).count()).resolves.toBe(1);
    await failing.getByRole('link', { name: 'intranet' }).click();
    await tab.page.getByRole('heading', { name: 'intranet' }).waitFor();
  });

  it('shows an admin that the event log verifies', async () => {
    const tab = await overview(ADMIN_TOKEN);
    const integrity = tab.page.getByRole('region', { name: 'Log integrity' }).getByRole('status');
    await integrity.getByText('Verified').waitFor();
    await expect(integrity.innerText()).resolves.toMatch(/\d+ events, every hash and stream chain intact/);
    await screenshotBothSchemes(tab.page, 'overview');
  });

  it('renders a name with markup as text', async () => {
    const tab = await overview(ADMIN_TOKEN);
    await tab.page.getByRole('link', { name: XSS_NAME }).waitFor();
    await expect(tab.page.locator('main img').count()).resolves.toBe(0);
    await expect(tab.page.evaluate('window.__xss')).resolves.toBeUndefined();
  });

  it('shows an auditor the counts and the integrity badge, but nothing to add', async () => {
    const tab = await overview(auditor.token);
    await expect(count(tab, 'By status', 'Active')).resolves.toBe('5');
    await tab.page.getByRole('region', { name: 'Log integrity' }).getByRole('status').getByText('Verified').waitFor();
    await expect(tab.page.getByRole('link', { name: '[+] Add credential' }).count()).resolves.toBe(0);
  });

  it('shows an operator everything but the log’s integrity, which its role may not verify', async () => {
    const tab = await overview(operator.token);
    await expect(listed(tab, 'Failing health checks')).resolves.toEqual(['intranet']);
    await expect(tab.page.getByRole('region', { name: 'Log integrity' }).count()).resolves.toBe(0);
  });

  it('shows a service only the credentials granted to it, and not the log’s integrity', async () => {
    const tab = await overview(service.token);
    await expect(count(tab, 'By status', 'Active')).resolves.toBe('1');
    await expect(count(tab, 'By status', 'Inactive')).resolves.toBe('0');
    await expect(listed(tab, 'Expiring within 30 days')).resolves.toEqual(['chat-prod']);
    await tab.page.getByText('No active credential failed its last health check.').waitFor();
    await expect(tab.page.getByRole('region', { name: 'Log integrity' }).count()).resolves.toBe(0);
    await expect(tab.page.getByRole('alert').count()).resolves.toBe(0);
  });

  it('gives a service granted nothing a page that says so, without an error', async () => {
    const stranger = await createPrincipal(harness.api, 'service', { name: 'stranger-service' });
    const tab = await overview(stranger.token);
    await tab.page.getByText('No credentials you may read yet.').waitFor();
    await tab.page.getByText('Nothing expires within 30 days.').waitFor();
    await expect(tab.page.getByRole('alert').count()).resolves.toBe(0);
    expect(tab.messages.filter((m) => m.startsWith('error') || m.startsWith('pageerror'))).toEqual([]);
  });

  it('stays readable on a phone', async () => {
    const tab = await overview(ADMIN_TOKEN, { viewport: { width: 390, height: 844 } });
    await tab.page.getByRole('link', { name: 'intranet' }).waitFor();
    await expect(tab.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
  });

  it('follows a master-key rotation in progress until it ends, for admins only', async () => {
    // With its queue paused no worker takes the rotation up, so it stays pending until the test lets it run.
    const queue = new Queue(KEY_ROTATION_QUEUE, queueConnection(harness.api.config));
    try {
      await queue.pause();
      expect((await harness.api.request('POST', '/v1/keys/rotations', { body: { mode: 'rewrap' } })).statusCode).toBe(202);
      const tab = await overview(ADMIN_TOKEN);
      const card = tab.page.getByRole('region', { name: 'Master-key rotation' });
      await card.getByRole('status').getByText('Waiting for a worker').waitFor();
      await expect(card.getByRole('link', { name: 'Master-key rotation' }).getAttribute('href')).resolves.toBe('/ui/keys');
      await expect(card.getByRole('progressbar', { name: 'Rotation progress' }).count()).resolves.toBe(1);

      const audit = await overview(auditor.token);
      await audit.page.getByRole('region', { name: 'Log integrity' }).waitFor();
      await expect(audit.page.getByRole('region', { name: 'Master-key rotation' }).count()).resolves.toBe(0);

      await queue.resume();
      await card.getByRole('status').getByText('Completed').waitFor({ timeout: 30_000 });
    } finally {
      await queue.resume();
      await queue.close();
    }
  });

  it('names the first bad position once an event is deleted behind the log’s back', async () => {
    // A reveal's access record, sealed by the worker, then deleted by a superuser with the trigger off.
    expect((await harness.api.request('POST', `/v1/credentials/${ids['chat-prod']}/reveal`)).statusCode).toBe(200);
    const em = () => harness.api.orm.em.fork();
    const [row] = await em().execute<{ p: string }[]>(`select max(global_position) as p from kl_events where type = 'SecretRevealed'`);
    const position = Number(row!.p);
    await eventually(
      async () => {
        const [sealed] = await em().execute<{ p: string | null }[]>('select max(global_position) as p from kl_event_seals');
        return Number(sealed!.p ?? 0) >= position;
      },
      30_000,
      'the worker sealing the reveal',
    );
    await em().transactional(async (tx) => {
      await tx.execute('alter table kl_events disable trigger user');
      await tx.execute('delete from kl_events where global_position = ?', [position]);
      await tx.execute('alter table kl_events enable trigger user');
    });
    const tab = await overview(auditor.token);
    const integrity = tab.page.getByRole('region', { name: 'Log integrity' }).getByRole('status');
    await integrity.getByText('Tampering detected').waitFor({ timeout: 20_000 });
    await expect(integrity.innerText()).resolves.toMatch(new RegExp(`at position ${position}:`));
  });
});
