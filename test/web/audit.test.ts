import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { ADMIN_TOKEN, openAiCredential, openAiKey } from '../support/api.js';
import { eventually } from '../support/async.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage } from '../support/browser.js';
import { parseCsv } from '../support/csv.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// An admin or an auditor reads the audit trail in the console: every filter
// of GET /v1/audit kept in the URL, the API's field messages inline, a live
// tail, CSV and NDJSON exports of every page, the log's verification, names
// for ids where the caller may read them. A service never sees the page.
const SECRET = openAiKey('AuditPageSecret1');
const XSS_NAME = '<img src=x onerror=alert(1)>';
/** More reveals than one page of the view (100) holds, so an export has to read on. */
const REVEALS = 104;
let harness: ConsoleHarness;
let billingId: string;
let chatId: string;
let xssId: string;
let operator: TestPrincipal;
let auditor: TestPrincipal;
let service: TestPrincipal;
let tab: ConsolePage;
const dialogs: string[] = [];

const create = async (body: Record<string, unknown>, token?: string): Promise<string> => {
  const reply = await harness.api.request('POST', '/v1/credentials', { body, token });
  if (reply.statusCode !== 201) throw new Error(`create ${String(body.name)}: ${reply.statusCode} ${reply.body}`);
  return reply.json().id;
};
const reveal = async (id: string) => expect((await harness.api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(200);

interface Entry {
  position: number;
  action: string;
  actor: string;
  credentialId: string | null;
}

/** Every entry the API holds for these filters, newest first. */
async function trail(query: Record<string, string>): Promise<Entry[]> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: '1000', ...(cursor ? { cursor } : {}) });
    const body: { entries: Entry[]; nextCursor: string | null } = (
      await harness.api.request('GET', `/v1/audit?${params.toString()}`)
    ).json();
    entries.push(...body.entries);
    cursor = body.nextCursor;
  } while (cursor !== null);
  return entries;
}

beforeAll(async () => {
  harness = await startConsole('web_audit');
  [operator, auditor, service] = await Promise.all([
    createPrincipal(harness.api, 'operator', { name: 'olivia-operator' }),
    createPrincipal(harness.api, 'auditor', { name: 'aldo-auditor' }),
    createPrincipal(harness.api, 'service', { name: 'billing-service' }),
  ]);
  billingId = await create(openAiCredential('billing-ai', SECRET));
  chatId = await create(openAiCredential('chat-prod'), operator.token);
  xssId = await create({ name: XSS_NAME, type: 'api_key', secret: 'Xss-Probe-Secret-444555' });
  for (let i = 0; i < REVEALS; i++) await reveal(billingId);
  tab = await harness.newPage();
  tab.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await tab.page.clock.install();
  await tab.signIn(ADMIN_TOKEN, 'audit');
  await tab.page.getByRole('heading', { name: 'Audit trail' }).waitFor();
}, 120_000);

afterAll(async () => {
  await tab?.context.close();
  await harness?.close();
});

const table = (page: Page) => page.getByRole('table', { name: 'Audit entries' });
const column = (page: Page, index: number) => table(page).locator(`tbody tr td:nth-child(${index})`).allInnerTexts();
const positionsShown = async (page: Page) => (await column(page, 7)).map(Number);
const auditRequests = () => tab.urls.filter((u) => new URL(u).pathname === '/v1/audit').length;
const search = () => new URL(tab.page.url()).searchParams;

/** Fills the filter form and applies it; unless `answered` is false, waits until the page shows the API's answer. */
async function apply(page: Page, filters: Record<string, string>, answered = true): Promise<void> {
  const form = page.getByRole('search', { name: 'Filter the audit trail' });
  for (const [label, value] of Object.entries(filters)) {
    if (label === 'Outcome') await form.getByLabel(label).selectOption(value);
    else await form.getByLabel(label, { exact: true }).fill(value);
  }
  const response = answered ? page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/audit') : null;
  await form.getByRole('button', { name: 'Apply filters' }).click();
  await response;
  await eventually(async () => (await page.getByText('Loading…').count()) === 0, 10_000, 'the page showing the answer');
}

async function saved(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

describe('the audit page', () => {
  it('shows the trail newest first, actors by name, credentials as links, and the log verified', async () => {
    const { page } = tab;
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    const integrity = page.getByRole('region', { name: 'Log integrity' });
    await integrity.getByText('Verified').waitFor();
    await expect(integrity.innerText()).resolves.toMatch(/\d+ events, every hash and stream chain intact/);
    await table(page).waitFor();
    const shown = await positionsShown(page);
    expect(shown).toHaveLength(100);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    await page.getByRole('button', { name: 'Show older entries' }).click();
    const created = table(page)
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'chat-prod', exact: true }) });
    await created.getByText('olivia-operator').waitFor();
    await expect(created.getByRole('link', { name: 'chat-prod' }).getAttribute('href')).resolves.toBe(`/ui/credentials/${chatId}`);
    expect(await page.content()).not.toContain(SECRET);
  });

  it('filters by action and by credential, keeps the filters in the URL, and the view survives a reload', async () => {
    const { page } = tab;
    await apply(page, { Action: 'revealed', Credential: 'chat-prod' });
    await page.getByText('No entries match these filters.').waitFor();
    expect(search().get('action')).toBe('revealed');
    expect(search().get('credentialId')).toBe(chatId);

    await reveal(chatId);
    await apply(page, { Credential: 'billing-ai' });
    const expected = await trail({ action: 'revealed', credentialId: billingId });
    expect(expected).toHaveLength(REVEALS);
    await expect(positionsShown(page)).resolves.toEqual(expected.slice(0, 100).map((e) => e.position));
    expect(new Set(await column(page, 3))).toEqual(new Set(['revealed']));
    await eventually(async () => new Set(await column(page, 5)).size === 1 && (await column(page, 5))[0] === 'billing-ai', 10_000, 'names');
    expect(Object.fromEntries(search())).toEqual({ credentialId: billingId, action: 'revealed' });

    await page.reload();
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /entries matching the filters/ })
      .waitFor();
    await expect(positionsShown(page)).resolves.toEqual(expected.slice(0, 100).map((e) => e.position));
    const form = page.getByRole('search', { name: 'Filter the audit trail' });
    await expect(form.getByLabel('Action').inputValue()).resolves.toBe('revealed');
    await eventually(async () => (await form.getByLabel('Credential').inputValue()) === 'billing-ai', 10_000, 'the name in the field');

    await page.goBack();
    await page
      .getByRole('status')
      .filter({ hasText: /entr(y|ies) matching the filters/ })
      .waitFor();
    await eventually(async () => search().get('credentialId') === chatId, 10_000, 'the previous filters back in the URL');
    await eventually(async () => (await column(page, 5)).join() === 'chat-prod', 10_000, 'the previous filters applied again');
  });

  it("shows the API's field message under a date it refuses, and names a credential it cannot find", async () => {
    const { page } = tab;
    await apply(page, { Credential: '', Action: '', From: 'yesterday' });
    const from = page.getByLabel('From', { exact: true });
    await expect(from.getAttribute('aria-invalid')).resolves.toBe('true');
    const message = 'from must be an ISO-8601 instant with a time zone, e.g. 2027-01-31T00:00:00Z';
    await expect(
      page.locator(`#${await from.getAttribute('aria-describedby').then((ids) => ids!.split(' ').at(-1))}`).innerText(),
    ).resolves.toBe(message);
    expect(search().get('from')).toBe('yesterday');

    await apply(page, { From: '2027-01-31T00:00:00Z', To: '2027-01-01T00:00:00Z' });
    await page.getByText('must not be before from').first().waitFor();
    await expect(page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');

    await apply(page, { From: '', To: '', Credential: 'no-such-credential' }, false);
    await page.getByText('No credential has this name or id.').waitFor();
  });

  it('exports every page of the filtered view as CSV and as NDJSON, with no secret in them', async () => {
    const { page } = tab;
    await apply(page, { Credential: 'billing-ai', Action: 'revealed', Outcome: 'success' });
    await page.getByRole('button', { name: 'Show older entries' }).click();
    await eventually(async () => (await positionsShown(page)).length === REVEALS, 10_000, 'every page of the view');
    const view = await positionsShown(page);
    const expected = await trail({ credentialId: billingId, action: 'revealed', outcome: 'success' });
    expect(view).toEqual(expected.map((e) => e.position));

    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvFile.suggestedFilename()).toMatch(/^keyledger-audit-default-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.csv$/);
    const csv = await saved(csvFile);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([
      'at',
      'actor',
      'action',
      'outcome',
      'credential',
      'position',
      'details',
      'actor_name',
      'event_type',
      'event_id',
    ]);
    expect(rows.map((r) => Number(r[5]))).toEqual(view);
    expect(new Set(rows.map((r) => `${r[1]} ${r[2]} ${r[3]} ${r[4]} ${r[8]}`))).toEqual(
      new Set([`bootstrap-admin revealed success ${billingId} SecretRevealed`]),
    );
    await page.getByText(`Exported ${REVEALS} entries as CSV.`).waitFor();

    const [ndjsonFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export NDJSON' }).click()]);
    expect(ndjsonFile.suggestedFilename()).toMatch(/\.ndjson$/);
    const ndjson = await saved(ndjsonFile);
    const lines = ndjson.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(expected);

    for (const text of [csv, ndjson]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(ADMIN_TOKEN);
    }
  });

  it('follows new entries with the live tail, each once, and stops when turned off or when leaving the page', async () => {
    const { page } = tab;
    await apply(page, { Credential: 'chat-prod', Action: 'revealed', Outcome: '' });
    await eventually(async () => (await positionsShown(page)).length === 1, 10_000, 'the one reveal before');
    await page.getByLabel('Live tail').check();
    await page.getByText('Following new entries.').waitFor();
    await reveal(chatId);
    // The trail follows the log asynchronously, and the tail asks every two seconds.
    await page.getByText('Following new entries: 1 arrived.').waitFor({ timeout: 20_000 });
    await reveal(chatId);
    await page.getByText('Following new entries: 2 arrived.').waitFor({ timeout: 20_000 });
    const expected = await trail({ credentialId: chatId, action: 'revealed' });
    expect(expected).toHaveLength(3);
    await expect(positionsShown(page)).resolves.toEqual(expected.map((e) => e.position));
    await screenshotBothSchemes(page, 'audit');

    await page.getByLabel('Live tail').uncheck();
    let before = auditRequests();
    await page.clock.runFor(10_000);
    await page.evaluate('0');
    expect(auditRequests()).toBe(before);

    await page.getByLabel('Live tail').check();
    await page.getByText('Following new entries.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credentials' }).click();
    await page.getByRole('heading', { name: 'Credentials', exact: true }).waitFor();
    before = auditRequests();
    await page.clock.runFor(10_000);
    await page.evaluate('0');
    expect(auditRequests()).toBe(before);
  });

  it('renders a credential name with markup as text', async () => {
    const { page } = tab;
    await page.goto(`${harness.url}audit?credentialId=${xssId}`);
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const link = table(page).getByRole('link', { name: XSS_NAME });
    await link.waitFor();
    await expect(link.innerText()).resolves.toBe(XSS_NAME);
    await expect(table(page).getByText(`name: ${XSS_NAME}`).count()).resolves.toBe(1);
    await eventually(async () => (await page.getByLabel('Credential').inputValue()) === XSS_NAME, 10_000, 'the name in the field');
    await expect(page.locator('img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('lets an auditor read, filter and verify, with ids for actors it may not resolve', async () => {
    // On a phone's width: nothing but the table scrolls sideways.
    const auditorTab = await harness.newPage({ viewport: { width: 390, height: 844 } });
    try {
      const { page } = auditorTab;
      await auditorTab.signIn(auditor.token);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
      await page.getByRole('region', { name: 'Log integrity' }).getByText('Verified').waitFor();
      await apply(page, { Action: 'created', Credential: chatId });
      await expect(column(page, 2)).resolves.toEqual([operator.principalId]);
      await eventually(async () => (await column(page, 5)).join() === 'chat-prod', 10_000, 'the credential by name');
      const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const rows = parseCsv(await saved(csvFile));
      expect(rows.slice(1).map((r) => [r[1], r[7]])).toEqual([[operator.principalId, '']]);
      expect(auditorTab.urls.filter((u) => new URL(u).pathname.startsWith('/v1/principals'))).toEqual([]);
      await expect(page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
    } finally {
      await auditorTab.context.close();
    }
  });

  it('is not offered to a service token, and asks the API nothing for it', async () => {
    const serviceTab = await harness.newPage();
    try {
      const { page } = serviceTab;
      await serviceTab.signIn(service.token, 'audit');
      await page.getByText('The audit trail is open to admins and auditors.').waitFor();
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).count()).resolves.toBe(0);
      await expect(page.getByRole('search', { name: 'Filter the audit trail' }).count()).resolves.toBe(0);
      expect(serviceTab.urls.filter((u) => /^\/v1\/(audit|events)/.test(new URL(u).pathname))).toEqual([]);
    } finally {
      await serviceTab.context.close();
    }
  });

  it('names the first bad position once the log has been altered', async () => {
    const { page } = tab;
    const [row] = await harness.api.orm.em
      .fork()
      .execute<{ p: string }[]>(`select max(global_position) as p from kl_events where type = 'SecretRevealed'`);
    const position = Number(row!.p);
    // The worker's keyed seal must cover the event first: an unchained access record is caught by the seal.
    await eventually(
      async () => (await harness.api.request('GET', '/v1/events/verify')).json().sealedThrough >= position,
      30_000,
      'the seal covering the last reveal',
    );
    await harness.api.orm.em.fork().transactional(async (tx) => {
      await tx.execute('alter table kl_events disable trigger user');
      await tx.execute('delete from kl_events where global_position = ?', [position]);
      await tx.execute('alter table kl_events enable trigger user');
    });
    const integrity = page.getByRole('region', { name: 'Log integrity' });
    await integrity.getByRole('button', { name: 'Verify again' }).click();
    await integrity.getByText('Tampering detected').waitFor({ timeout: 30_000 });
    await expect(integrity.innerText()).resolves.toContain(`at position ${position}:`);
  });

  it('kept no secret or token in storage or in any URL it visited', async () => {
    expect(await tab.storedText()).not.toContain(ADMIN_TOKEN);
    for (const value of [SECRET, ADMIN_TOKEN]) expect(tab.urls.filter((u) => u.includes(value))).toEqual([]);
    expect(tab.messages.join('\n')).not.toContain(SECRET);
  });
});
