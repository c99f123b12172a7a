import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_TOKEN } from '../support/api.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage } from '../support/browser.js';
import { cliFor, type Cli } from '../support/cli.js';
import { createPrincipal } from '../support/principals.js';

// The console's .env import: a file dropped on the page is planned by the
// code of `keyledger import env` (#env-import), imported entry by entry with
// the CLI's Idempotency-Keys, and forgotten when the page is left. Its values
// never reach the DOM, storage or a URL.
const OPENAI_KEY = `sk-proj-${'a'.repeat(40)}`;
const ENV_FILE = `# lab services
PROXMOX_HOST=https://pve1.example.com:8006
PROXMOX_TOKEN_NAME=automation@pve!ci
PROXMOX_TOKEN_VALUE=0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e
PROXMOX_VERIFY_SSL=false
CLOUDFLARE_API_TOKEN=too-short-cloudflare-token
OPENAI_API_KEY="${OPENAI_KEY}"
DATABASE_URL=postgres://billing:s3cr%40t-pw@db.internal:5433/billing?sslmode=require
LOG_LEVEL=debug
STRIPE_SECRET_KEY=sk_live_0123456789abcdef
`;
const NEW_OPENAI_KEY = `sk-proj-${'c'.repeat(40)}`;
const HF_TOKEN = `hf_${'d'.repeat(34)}`;
const SECRETS = [
  '0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e',
  'too-short-cloudflare-token',
  OPENAI_KEY,
  NEW_OPENAI_KEY,
  's3cr@t-pw',
  's3cr%40t-pw',
  'sk_live_0123456789abcdef',
  HF_TOKEN,
];
const PROBE = '<img src=x onerror=alert(1)>';

let harness: ConsoleHarness;
let tab: ConsolePage;
let cli: Cli;
let dir: string;
const dialogs: string[] = [];

beforeAll(async () => {
  harness = await startConsole('web_import');
  cli = cliFor(harness.api.url, ADMIN_TOKEN);
  dir = mkdtempSync(join(tmpdir(), 'kl-web-env-'));
  writeFileSync(join(dir, '.env'), ENV_FILE);
  tab = await harness.newPage();
  tab.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await tab.signIn(ADMIN_TOKEN, 'import');
}, 90_000);

afterAll(async () => {
  await tab?.context.close();
  await harness?.close();
});

const credentials = async () =>
  ((await harness.api.request('GET', '/v1/credentials?limit=200')).json().credentials as { id: string; name: string }[])
    .map((c) => c.name)
    .sort();

/** Through the file input, as a keyboard user picks a file. */
async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('or choose one').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

/** Dropped on the drop zone, as the browser delivers a file dragged from the desktop. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    `(() => { const t = new DataTransfer(); t.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'text/plain' })); return t; })()`,
  );
  const zone = page.getByRole('region', { name: 'Drop a .env file here' });
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

const planTable = (page: Page) => page.getByRole('table', { name: /Secrets are not shown/ });

/** Each row of the plan as its cells read, once every entry's standing is known. */
async function planRows(page: Page): Promise<string[][]> {
  const rows = planTable(page).locator('tbody tr');
  await expectNoneChecking(rows);
  const cells: string[][] = [];
  for (const row of await rows.all()) cells.push((await row.locator('th, td').allInnerTexts()).map((text) => text.trim()));
  return cells;
}

async function expectNoneChecking(rows: Locator): Promise<void> {
  await rows.first().waitFor();
  await rows.getByText('checking…').first().waitFor({ state: 'detached' });
}

/** The results table, as `[name, result, detail]`, once the import ended. */
async function results(page: Page): Promise<string[][]> {
  const region = page.getByRole('region', { name: 'Results' });
  await region.waitFor();
  const rows: string[][] = [];
  for (const row of await region.locator('tbody tr').all()) {
    const [name, result, , detail] = (await row.locator('th, td').allInnerTexts()).map((text) => text.trim());
    rows.push([name!, result!, detail!]);
  }
  return rows;
}

async function importSelected(page: Page, count: number): Promise<void> {
  await page.getByRole('button', { name: `Import ${count} credential${count === 1 ? '' : 's'}` }).click();
  await page.getByRole('region', { name: 'Results' }).waitFor();
}

async function expectNoSecretShown(): Promise<void> {
  const content = await tab.page.content();
  const stored = await tab.storedText();
  for (const secret of SECRETS) {
    expect([secret, content.includes(secret)]).toEqual([secret, false]);
    expect([secret, stored.includes(secret)]).toEqual([secret, false]);
    expect(tab.urls.filter((url) => url.includes(secret) || url.includes(encodeURIComponent(secret)))).toEqual([]);
    expect(tab.messages.filter((message) => message.includes(secret))).toEqual([]);
  }
}

describe('the .env import page', () => {
  it('plans a chosen file as keyledger import env does, every secret masked', async () => {
    const { page } = tab;
    await chooseFile(page, '.env', ENV_FILE);
    await page.getByRole('heading', { name: 'Plan for .env: 4 credentials' }).waitFor();
    const shown = await planRows(page);

    const cliPlan = JSON.parse((await cli(['import', 'env', join(dir, '.env'), '--dry-run', '--json'])).stdout).plan;
    const labels = Object.fromEntries(
      ((await harness.api.request('GET', '/v1/templates')).json().templates as { type: string; label: string }[]).map((t) => [
        t.type,
        t.label,
      ]),
    );
    const expected = (
      cliPlan.entries as { source: string; notes: string[]; credential: { name: string; type: string; host?: string; username?: string } }[]
    ).map((e) => [
      '',
      e.credential.name,
      labels[e.credential.type],
      e.credential.host ?? '',
      e.credential.username ?? '',
      '••••••••',
      e.source,
    ]);
    expect(shown.map((row) => row.slice(0, 7))).toEqual(expected);
    expect(shown.map((row) => row[7])).toEqual(['New', 'New', 'New', 'New']);
    expect(shown.map((row) => row[8])).toEqual(cliPlan.entries.map((e: { notes: string[] }) => e.notes.join('; ')));
    expect(expected.map((row) => row[1])).toEqual(['proxmox', 'cloudflare', 'openai', 'database']);

    // What the CLI skips: the unknown variables are offered a type, the rest listed with the reason.
    const skippedByCli = (cliPlan.skipped as { source: string }[]).map((s) => s.source).sort();
    expect(skippedByCli).toEqual(['LOG_LEVEL', 'STRIPE_SECRET_KEY']);
    for (const variable of skippedByCli) await page.getByLabel(`Import ${variable} as`).waitFor();

    // New credentials start selected.
    for (const name of ['proxmox', 'cloudflare', 'openai', 'database'])
      await expect(page.getByLabel(`Import ${name}`, { exact: true }).isChecked()).resolves.toBe(true);
    await expectNoSecretShown();
    await screenshotBothSchemes(page, 'import-env');
  });

  it('imports the entries picked, a mapped variable included, with the API refusal of each failing one', async () => {
    const { page } = tab;
    await page.getByLabel('Import STRIPE_SECRET_KEY as').selectOption('api_key');
    await page.getByRole('heading', { name: 'Plan for .env: 5 credentials' }).waitFor();
    await planRows(page);
    await page.getByLabel('Import database', { exact: true }).uncheck();
    await importSelected(page, 4);

    // A mapped variable comes first, as in the CLI's plan.
    expect(await results(page)).toEqual([
      ['stripe-secret-key', 'created', ''],
      ['proxmox', 'created', ''],
      ['cloudflare', 'failed', expect.stringMatching(/secret: must be 40 characters/)],
      ['openai', 'created', ''],
    ]);
    await page.getByText('3 created, 0 rotated, 0 unchanged, 0 changed, 1 failed').waitFor();
    expect(await credentials()).toEqual(['openai', 'proxmox', 'stripe-secret-key']);
    // The plan now says where each stands.
    const after = await planRows(page);
    expect(after.map((row) => [row[1], row[7]!.split(/\s/)[0]])).toEqual([
      ['stripe-secret-key', 'Exists'],
      ['proxmox', 'Exists'],
      ['cloudflare', 'New'],
      ['openai', 'Exists'],
      ['database', 'New'],
    ]);
    await expectNoSecretShown();

    // Each result links to its credential, which the list shows.
    await page.getByRole('region', { name: 'Results' }).getByRole('link', { name: 'proxmox' }).click();
    await page.getByRole('heading', { name: 'proxmox' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credentials' }).click();
    for (const name of ['openai', 'proxmox', 'stripe-secret-key']) await page.getByRole('link', { name, exact: true }).waitFor();
  });

  it('forgets the file when the page is left', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a .env file' }).waitFor();
    await expect(page.getByRole('heading', { name: /^Plan for/ }).count()).resolves.toBe(0);
    await expect(page.getByLabel('or choose one').inputValue()).resolves.toBe('');
  });

  it('says unchanged when the same file is dropped and imported again, creating nothing twice', async () => {
    const { page } = tab;
    await dropFile(page, '.env', ENV_FILE);
    await page.getByRole('heading', { name: 'Plan for .env: 4 credentials' }).waitFor();
    await page.getByLabel('Import STRIPE_SECRET_KEY as').selectOption('api_key');
    const rows = await planRows(page);
    // What exists is not selected unless asked for.
    expect(rows.map((row) => [row[1], row[7]!.split(/\s/)[0]])).toEqual([
      ['stripe-secret-key', 'Exists'],
      ['proxmox', 'Exists'],
      ['cloudflare', 'New'],
      ['openai', 'Exists'],
      ['database', 'New'],
    ]);
    await expect(page.getByLabel('Import proxmox', { exact: true }).isChecked()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Select all' }).click();
    await importSelected(page, 5);
    expect(await results(page)).toEqual([
      ['stripe-secret-key', 'unchanged', ''],
      ['proxmox', 'unchanged', ''],
      ['cloudflare', 'failed', expect.stringMatching(/secret: must be 40 characters/)],
      ['openai', 'unchanged', ''],
      ['database', 'created', ''],
    ]);
    await page.getByText('1 created, 0 rotated, 3 unchanged, 0 changed, 1 failed').waitFor();
    expect(await credentials()).toEqual(['database', 'openai', 'proxmox', 'stripe-secret-key']);
    await expectNoSecretShown();
  });

  it('sends the keys the CLI sends: keyledger import env of the same file finds everything unchanged', async () => {
    const rerun = await cli(['import', 'env', join(dir, '.env'), '--map', 'STRIPE_SECRET_KEY=api_key', '--yes', '--json']);
    const byName = (JSON.parse(rerun.stdout).results as { name: string; result: string }[]).map((r) => [r.name, r.result]);
    expect(byName).toEqual([
      ['stripe-secret-key', 'unchanged'],
      ['proxmox', 'unchanged'],
      ['cloudflare', 'failed'],
      ['openai', 'unchanged'],
      ['database', 'unchanged'],
    ]);
    expect(await credentials()).toEqual(['database', 'openai', 'proxmox', 'stripe-secret-key']);
  });

  it('reports a changed secret as changed, and rotates it when asked to', async () => {
    const { page } = tab;
    await chooseFile(page, '.env', ENV_FILE.replace(OPENAI_KEY, NEW_OPENAI_KEY));
    await planRows(page);
    await page.getByLabel('Import cloudflare', { exact: true }).uncheck();
    await page.getByLabel('Import openai', { exact: true }).check();
    await importSelected(page, 1);
    expect(await results(page)).toEqual([['openai', 'changed', expect.stringMatching(/^the stored secret differs/)]]);
    const openai = (await harness.api.request('GET', '/v1/credentials?name=openai')).json().credentials[0];
    await expect(harness.api.request('POST', `/v1/credentials/${openai.id}/reveal`).then((r) => r.json())).resolves.toMatchObject({
      secret: OPENAI_KEY,
      secretVersion: 1,
    });

    await planRows(page);
    await page.getByLabel('Import cloudflare', { exact: true }).uncheck();
    await page.getByLabel('Import openai', { exact: true }).check();
    await page.getByLabel('Update changed secrets').check();
    await importSelected(page, 1);
    expect(await results(page)).toEqual([['openai', 'rotated', 'secret version 2']]);
    await expect(harness.api.request('POST', `/v1/credentials/${openai.id}/reveal`).then((r) => r.json())).resolves.toMatchObject({
      secret: NEW_OPENAI_KEY,
      secretVersion: 2,
    });
    await expectNoSecretShown();
  });

  it('creates once when the answer to a create is lost and the request is retried', async () => {
    const { page } = tab;
    let lost = 0;
    await page.route(`${harness.api.url}/v1/credentials`, async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.continue();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await chooseFile(page, 'hf.env', `HF_TOKEN=${HF_TOKEN}\n`);
    await planRows(page);
    await importSelected(page, 1);
    const [row] = await results(page);
    await page.unroute(`${harness.api.url}/v1/credentials`);
    expect(lost).toBe(1);
    // The retry carried the same Idempotency-Key: the API answered with the first create.
    expect(row).toEqual(['huggingface', 'unchanged', '']);
    expect(await credentials()).toEqual(['database', 'huggingface', 'openai', 'proxmox', 'stripe-secret-key']);
    await expectNoSecretShown();
  });

  it('renders names and values from the file as text', async () => {
    const { page } = tab;
    await chooseFile(page, `${PROBE}.env`, `GITHUB_TOKEN=ghp_${'e'.repeat(36)}\nGITHUB_USER=${PROBE}\n`);
    await page.getByRole('heading', { name: `Plan for ${PROBE}.env: 1 credential` }).waitFor();
    const [row] = await planRows(page);
    expect([row![1], row![4]]).toEqual(['github', PROBE]);
    await expect(page.locator('img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });
});

describe('on a phone', () => {
  it('plans a file without the page scrolling sideways', async () => {
    const phone = await harness.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.signIn(ADMIN_TOKEN, 'import');
      await chooseFile(phone.page, '.env', ENV_FILE);
      await planRows(phone.page);
      // Only the plan's table scrolls, inside its box.
      await expect(phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
      await expect(phone.page.getByRole('button', { name: /^Import \d+ credentials?$/ }).isVisible()).resolves.toBe(true);
    } finally {
      await phone.context.close();
    }
  });
});

describe('who may import', () => {
  it('shows an operator the Import link, and an auditor neither the link nor the page', async () => {
    const [operator, auditor] = await Promise.all([createPrincipal(harness.api, 'operator'), createPrincipal(harness.api, 'auditor')]);
    const operatorTab = await harness.newPage();
    await operatorTab.signIn(operator.token);
    await operatorTab.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).waitFor();
    await operatorTab.context.close();

    const auditorTab = await harness.newPage();
    await auditorTab.signIn(auditor.token);
    const nav = auditorTab.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Credentials' }).waitFor();
    await expect(nav.getByRole('link', { name: 'Import' }).count()).resolves.toBe(0);
    await auditorTab.signIn(auditor.token, 'import');
    await auditorTab.page.getByRole('alert').filter({ hasText: 'Your role may not create credentials.' }).waitFor();
    await expect(auditorTab.page.getByLabel('or choose one').count()).resolves.toBe(0);
    await auditorTab.context.close();
  });
});
