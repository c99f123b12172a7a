import type { Page } from 'playwright-core';
import { ADMIN_TOKEN, openAiCredential, openAiKey } from '../support/api.js';
import { startConsole, type ConsoleHarness, type ConsolePage, type PageOptions } from '../support/browser.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// A person pastes a token; GET /v1/me decides what the tab offers. The
// token stays in the tab's memory: never in storage, a cookie or a URL.
let harness: ConsoleHarness;
let credentialId: string;
let operator: TestPrincipal;
let auditor: TestPrincipal;
let service: TestPrincipal;
const SECRET = openAiKey('SignInSecret1234');
let open: ConsolePage[] = [];

beforeAll(async () => {
  harness = await startConsole('web_sign_in');
  const created = await harness.api.request('POST', '/v1/credentials', { body: openAiCredential('chat-prod', SECRET) });
  credentialId = created.json().id;
  [operator, auditor, service] = await Promise.all([
    createPrincipal(harness.api, 'operator', { name: 'olivia-operator' }),
    createPrincipal(harness.api, 'auditor', { name: 'aldo-auditor' }),
    createPrincipal(harness.api, 'service', { name: 'billing-service' }),
  ]);
  const grant = await harness.api.request('POST', `/v1/credentials/${credentialId}/grants`, {
    body: { principalId: service.principalId, permission: 'use' },
  });
  expect(grant.statusCode).toBe(201);
}, 90_000);

afterEach(async () => {
  await Promise.all(open.map((p) => p.context.close()));
  open = [];
});

afterAll(async () => {
  await harness?.close();
});

async function newPage(options?: PageOptions): Promise<ConsolePage> {
  const page = await harness.newPage(options);
  open.push(page);
  return page;
}

/** The token appears nowhere the browser keeps or sends as a URL. */
/** The main menu's entries, in order: what the signed-in role is offered. */
const menu = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();

async function expectTokenKeptInMemoryOnly(tab: ConsolePage, token: string): Promise<void> {
  expect(await tab.storedText()).not.toContain(token);
  expect(tab.urls.filter((u) => u.includes(token))).toEqual([]);
}

describe('signing in', () => {
  it('signs an admin in with the pasted token and offers every menu', async () => {
    const tab = await newPage();
    const { page } = tab;
    await tab.signIn(ADMIN_TOKEN, 'credentials');
    await expect(menu(page)).resolves.toEqual(['Overview', 'Credentials', 'Add credential', 'Import', 'Keys', 'Audit', 'Access']);
    await expect(page.getByLabel('Role').innerText()).resolves.toBe('admin');
    await page.getByRole('link', { name: 'chat-prod' }).click();
    await page.getByRole('heading', { name: 'chat-prod' }).waitFor();
    await page.getByRole('heading', { name: 'Access grants' }).waitFor();
    for (const name of ['Edit', 'Test now', 'Rotate', 'Deactivate', 'Destroy…', 'Reveal', 'Copy']) {
      await expect(
        page
          .getByRole('button', { name, exact: true })
          .or(page.getByRole('link', { name, exact: true }))
          .count(),
      ).resolves.toBe(1);
    }
    await expect(page.getByRole('heading', { name: 'Access grants' }).count()).resolves.toBe(1);
    await expectTokenKeptInMemoryOnly(tab, ADMIN_TOKEN);
  });

  it('refuses an unknown token and says so', async () => {
    const { page } = await newPage();
    await page.goto(harness.url);
    await page.getByLabel('Access token').fill('not-a-real-token-0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/token/i);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
  });

  it('shows an operator management but no reveal', async () => {
    const tab = await newPage();
    const { page } = tab;
    await tab.signIn(operator.token, `credentials/${credentialId}`);
    await page.getByRole('heading', { name: 'chat-prod' }).waitFor();
    await expect(menu(page)).resolves.toEqual(['Overview', 'Credentials', 'Add credential', 'Import']);
    await expect(page.getByRole('button', { name: 'Rotate' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Test now' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Reveal' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Copy' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Destroy…' }).count()).resolves.toBe(0);
    await expectTokenKeptInMemoryOnly(tab, operator.token);
  });

  it('shows an auditor the credentials and nothing to change or reveal', async () => {
    const { page, signIn } = await newPage();
    await signIn(auditor.token, 'credentials');
    await expect(page.getByLabel('Role').innerText()).resolves.toBe('auditor');
    await expect(menu(page)).resolves.toEqual(['Overview', 'Credentials', 'Audit']);
    await expect(page.getByRole('link', { name: 'Add credential' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: '[+] Add credential' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'chat-prod' }).click();
    await page.getByRole('heading', { name: 'chat-prod' }).waitFor();
    await expect(page.getByRole('group', { name: 'Actions' }).getByRole('button').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Edit' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Reveal' }).count()).resolves.toBe(0);
  });

  it('shows a service only what it was granted, with reveal', async () => {
    await harness.api.request('POST', '/v1/credentials', { body: openAiCredential('not-granted') });
    const { page, signIn } = await newPage();
    await signIn(service.token, 'credentials');
    await page.getByRole('link', { name: 'chat-prod' }).waitFor();
    await expect(menu(page)).resolves.toEqual(['Overview', 'Credentials']);
    await expect(page.getByRole('link', { name: 'not-granted' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Add credential' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Import' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'chat-prod' }).click();
    await page.getByRole('heading', { name: 'chat-prod' }).waitFor();
    await expect(page.getByRole('button', { name: 'Reveal' }).count()).resolves.toBe(1);
    // Its role reaches change and rotate only through a manage grant: the API decides per credential.
    await expect(page.getByRole('button', { name: 'Destroy…' }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Access grants' }).count()).resolves.toBe(0);
  });

  it('locks after 15 idle minutes by default and forgets the token', async () => {
    const tab = await newPage();
    const { page } = tab;
    await page.clock.install();
    await tab.signIn(ADMIN_TOKEN);
    await page.clock.runFor('14:00');
    await page.mouse.click(5, 400);
    await page.clock.runFor('14:00');
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    await page.clock.runFor('01:01');
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/Locked after 15 minutes without activity/);
    await expect(page.getByLabel('Access token').inputValue()).resolves.toBe('');
    // Back in, it asks again: the token is gone from memory too.
    await page.reload();
    await page.getByLabel('Access token').waitFor();
  });

  it('locks after the idle time chosen at sign-in', async () => {
    const { page } = await newPage();
    await page.clock.install();
    await page.goto(harness.url);
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await page.getByLabel('Lock after inactivity').selectOption('5');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.clock.runFor('05:01');
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/Locked after 5 minutes/);
  });

  it('warns before the token expires, then signs out when it has', async () => {
    const expiring = await harness.api.request('POST', '/v1/tokens', {
      body: { principalId: operator.principalId, expiresAt: new Date(Date.now() + 20 * 60_000).toISOString() },
    });
    expect(expiring.statusCode).toBe(201);
    const { page, signIn } = await newPage();
    await page.clock.install();
    await signIn(expiring.json().token, '');
    // The overview has loaded (no request in flight) before the page clock jumps ahead.
    await page.getByRole('heading', { name: 'Credentials' }).waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await page.mouse.click(5, 400);
    await page.clock.runFor('11:00');
    await expect(page.getByRole('alert').filter({ hasText: 'Your token expires' }).innerText()).resolves.toMatch(
      /Your token expires in (9|10) minutes/,
    );
    await page.mouse.click(5, 400);
    await page.clock.runFor('10:00');
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/token has expired/);
  });

  it('is usable from the keyboard alone', async () => {
    const { page } = await newPage();
    await page.goto(`${harness.url}credentials`);
    await page.getByLabel('Access token').focus();
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('link', { name: 'chat-prod' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'chat-prod' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/ui/credentials/${credentialId}`);
  });
});
