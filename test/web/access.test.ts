import { NOTIFICATION_TYPES } from '#domain';
import { ADMIN_TOKEN, openAiCredential, openAiKey } from '../support/api.js';
import { eventually } from '../support/async.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage } from '../support/browser.js';
import { createPrincipal } from '../support/principals.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// An admin manages who may call the API and where Keyledger notifies: creates
// a principal, issues it a token that shows once (copied, never kept, gone
// after 30 s, on dismissal and on navigation), revokes it, registers a webhook
// to a receiver on loopback (KEYLEDGER_WEBHOOK_ALLOW_PRIVATE lets webhooks
// reach it), and replays a delivery. Other roles get no Access page.
const XSS = '<img src=x onerror=alert(1)>';
let harness: ConsoleHarness;
let receiver: WebhookReceiver;
let tab: ConsolePage;
const dialogs: string[] = [];
/** Every token and signing secret the page showed or was given, for the leak checks at the end. */
const secrets: string[] = [];

beforeAll(async () => {
  harness = await startConsole('web_access', {
    KEYLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
    KEYLEDGER_WEBHOOK_ATTEMPTS: '3',
    KEYLEDGER_WEBHOOK_BACKOFF: '100ms',
    KEYLEDGER_WEBHOOK_TIMEOUT: '2s',
  });
  receiver = await startWebhookReceiver();
  tab = await harness.newPage();
  tab.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.api.url });
  await tab.page.clock.install();
  await tab.signIn(ADMIN_TOKEN, 'access');
  await tab.page.getByRole('heading', { name: 'Principals', exact: true }).waitFor();
}, 90_000);

afterAll(async () => {
  await tab?.context.close();
  await receiver?.close();
  await harness?.close();
});

const html = () => tab.page.content();
const tokenValue = () => tab.page.getByLabel('Token value', { exact: true });
const me = (token: string) => harness.api.request('GET', '/v1/me', { token });

async function issueToken(description: string): Promise<string> {
  const { page } = tab;
  await expect(tokenValue().count()).resolves.toBe(0);
  const form = page.getByRole('form', { name: 'Issue a token' });
  await form.getByLabel('Description').fill(description);
  await form.getByRole('button', { name: 'Issue token' }).click();
  const token = await tokenValue().innerText();
  expect(token).toMatch(/^klt_/);
  secrets.push(token);
  return token;
}

describe('the Access page', () => {
  it('is in the main menu of an admin', async () => {
    const { page } = tab;
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access' });
    await expect(link.getAttribute('aria-current')).resolves.toBe('page');
    await page.getByText('No principals yet').waitFor();
  });

  it("creates a principal, with the API's field messages under the fields it names", async () => {
    const { page } = tab;
    const form = page.getByRole('form', { name: 'New principal' });
    await form.getByLabel('Name').fill('billing service');
    await form.getByLabel('Teams').fill('payments, not a team');
    await form.getByRole('button', { name: 'Create principal' }).click();
    await expect(form.locator('#p-name-issue').innerText()).resolves.toMatch(/A-Z a-z 0-9/);
    await expect(form.getByLabel('Name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.locator('#p-teams-issue').innerText()).resolves.toMatch(/A-Z a-z 0-9/);
    await expect(form.getByRole('alert').innerText()).resolves.toBe('Some fields need attention.');

    await form.getByLabel('Name').fill('billing-service');
    await form.getByRole('combobox', { name: 'Role' }).selectOption('service');
    await form.getByLabel('Teams').fill('payments, ops');
    await form.getByRole('button', { name: 'Create principal' }).click();
    await page.getByRole('heading', { name: 'billing-service' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/ui/access/principals/[0-9a-f-]{36}$`));
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details.getByText('payments', { exact: true }).count()).resolves.toBe(1);
    await expect(details.getByText('ops', { exact: true }).count()).resolves.toBe(1);
    await page.getByText('No tokens: this principal cannot call the API').waitFor();

    const listed = (await harness.api.request('GET', '/v1/principals')).json().principals;
    expect(listed).toEqual([expect.objectContaining({ name: 'billing-service', role: 'service', teams: ['ops', 'payments'] })]);
  });

  it('issues a token shown once, copies it, and drops it and the clipboard after 30 seconds', async () => {
    const { page } = tab;
    const token = await issueToken('billing deploy');
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied. The clipboard is cleared in 30 seconds.').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(token);

    const answer = await me(token);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual(expect.objectContaining({ name: 'billing-service', role: 'service', teams: ['ops', 'payments'] }));

    const tokens = page.getByRole('region', { name: 'Tokens' });
    await expect(
      tokens
        .getByRole('row', { name: /billing deploy/ })
        .getByText('active')
        .count(),
    ).resolves.toBe(1);
    await screenshotBothSchemes(page, 'access-token');

    // The page clock also moves with real time, so the steps leave it a few seconds of slack.
    await page.clock.runFor(25_000);
    await expect(tokenValue().count()).resolves.toBe(1);
    await page.clock.runFor(6_000);
    await expect(tokenValue().count()).resolves.toBe(0);
    await page.getByText('Clipboard cleared.').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe('');
    expect(await html()).not.toContain(token);
  });

  it('drops a new token when it is dismissed and when leaving the page', async () => {
    const { page } = tab;
    const dismissed = await issueToken('dismissed');
    await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expect(tokenValue().count()).resolves.toBe(0);
    expect(await html()).not.toContain(dismissed);

    const left = await issueToken('left behind');
    await page.getByRole('main').getByRole('link', { name: 'Principals' }).first().click();
    await page.getByRole('heading', { name: 'Principals', exact: true }).waitFor();
    expect(await html()).not.toContain(left);
    await page.goBack();
    await page.getByRole('heading', { name: 'billing-service' }).waitFor();
    await page.getByRole('region', { name: 'Tokens' }).getByText('left behind').waitFor();
    await expect(tokenValue().count()).resolves.toBe(0);
    expect(await html()).not.toContain(left);
  });

  it('revokes a token once confirmed, and the API refuses it from then on', async () => {
    const { page } = tab;
    const token = secrets[0]!;
    await page.getByRole('button', { name: 'Revoke billing deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke billing deploy?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.isVisible()).resolves.toBe(false);
    expect((await me(token)).statusCode).toBe(200);

    await page.getByRole('button', { name: 'Revoke billing deploy' }).click();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Token billing deploy revoked: the API no longer accepts it.').waitFor();
    const row = page.getByRole('region', { name: 'Tokens' }).getByRole('row', { name: /billing deploy/ });
    await expect(row.getByText('revoked', { exact: true }).count()).resolves.toBe(1);
    await expect(row.getByRole('button').count()).resolves.toBe(0);
    expect((await me(token)).statusCode).toBe(401);
    expect((await me(secrets[1]!)).statusCode).toBe(200);
  });

  it('renders what users typed as text: an XSS probe is refused as a name and shown as text as a description; a taken name is refused', async () => {
    const { page } = tab;
    await issueToken(XSS);
    await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Tokens' }).getByText(XSS, { exact: true }).count()).resolves.toBe(1);

    await page.getByRole('main').getByRole('link', { name: 'Principals' }).first().click();
    await page.getByRole('button', { name: 'New principal' }).click();
    const form = page.getByRole('form', { name: 'New principal' });
    await form.getByLabel('Name').fill(XSS);
    await form.getByRole('button', { name: 'Create principal' }).click();
    await form.locator('#p-name-issue').waitFor();
    await expect(form.getByLabel('Name').inputValue()).resolves.toBe(XSS);
    await expect(page.getByRole('row', { name: /billing-service/ }).count()).resolves.toBe(1);
    await expect(page.locator('img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
    await screenshotBothSchemes(page, 'access-principals');

    await form.getByLabel('Name').fill('billing-service');
    await form.getByRole('button', { name: 'Create principal' }).click();
    await form.locator('#p-name-issue').getByText('a principal named "billing-service" already exists in this tenant').waitFor();
  });

  it("registers a webhook, with the API's field messages under the fields, and shows a generated signing secret once", async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Access' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
    // With no webhook yet, the form opens by itself once the empty list has loaded.
    const form = page.getByRole('form', { name: 'Register a webhook' });
    await form.waitFor();
    const events = form.getByRole('group', { name: 'Events' });
    await expect(events.getByRole('checkbox').count()).resolves.toBe(NOTIFICATION_TYPES.length);
    for (const type of NOTIFICATION_TYPES) await expect(events.getByLabel(type, { exact: true }).count()).resolves.toBe(1);

    await form.getByLabel('URL').fill('ftp://hooks.example.com/keyledger');
    await form.getByRole('button', { name: 'Register webhook' }).click();
    await expect(form.locator('#w-url-issue').innerText()).resolves.toMatch(/http:\/\/ or https:\/\//);
    await expect(form.locator('#w-events-issue').innerText()).resolves.toMatch(/one or more of/);

    await form.getByLabel('URL').fill(receiver.url);
    await events.getByLabel('credential.rotated').check();
    await form.getByLabel('Description').fill(XSS);
    await form.getByRole('button', { name: 'Register webhook' }).click();
    const secret = await page.getByLabel('Signing secret value', { exact: true }).innerText();
    expect(secret).toMatch(/^whsec_/);
    secrets.push(secret);
    await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
    expect(await html()).not.toContain(secret);
    const row = page.getByRole('row', { name: new RegExp(receiver.url) });
    await expect(row.getByText(XSS, { exact: true }).count()).resolves.toBe(1);
    await expect(row.getByText('Active').count()).resolves.toBe(1);
    await expect(page.locator('img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('lists a delivery with its status and attempts, and replays it to the receiver', async () => {
    const { page } = tab;
    const { id } = (await harness.api.request('POST', '/v1/credentials', { body: openAiCredential('billing-openai') })).json();
    const rotated = await harness.api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('ROTATED9') } });
    expect(rotated.statusCode).toBe(200);
    await eventually(async () => receiver.received.length === 1, 30_000, 'the delivery reaching the receiver');

    await page.getByRole('link', { name: receiver.url }).click();
    await page.getByRole('heading', { name: receiver.url }).waitFor();
    const deliveries = page.getByRole('region', { name: 'Deliveries' });
    const row = deliveries.getByRole('row', { name: /credential\.rotated/ });
    await row.getByText('delivered', { exact: true }).waitFor();
    await expect(row.getByText('HTTP 200').count()).resolves.toBe(1);
    await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe('1');

    await row.getByRole('button', { name: /^Replay/ }).click();
    await deliveries.getByText('Delivery of credential.rotated queued again (replay 1).').waitFor();
    await eventually(async () => receiver.received.length === 2, 30_000, 'the replay reaching the receiver');
    const [first, again] = receiver.received;
    expect(again!.headers['keyledger-delivery']).toBe(first!.headers['keyledger-delivery']);
    expect(JSON.parse(again!.body).id).toBe(JSON.parse(first!.body).id);
    // The page asks again while the delivery is pending, until it is delivered.
    await row.getByText('1 replay').waitFor({ timeout: 20_000 });
    await row.getByText('delivered', { exact: true }).waitFor({ timeout: 20_000 });
    await screenshotBothSchemes(page, 'access-webhook');
  });

  it("changes a webhook's URL, events and description, with the API's field messages under the fields", async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit the webhook' });
    await form.getByLabel('URL').fill('https://user:password@hooks.example.com/');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.locator('#e-url-issue').innerText()).resolves.toMatch(/user or password/);

    await form.getByLabel('URL').fill(`${receiver.url}?source=keyledger`);
    await form.getByRole('group', { name: 'Events' }).getByLabel('credential.destroyed').check();
    await form.getByLabel('Description').fill('ops alerts');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('heading', { name: `${receiver.url}?source=keyledger` }).waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details.getByText('ops alerts').count()).resolves.toBe(1);
    await expect(details.getByText('credential.destroyed').count()).resolves.toBe(1);
    await expect(details.getByText('credential.rotated').count()).resolves.toBe(1);
  });

  it('disables, enables and deletes a webhook', async () => {
    const { page } = tab;
    const webhookId = page.url().split('/').at(-1)!;
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Disabled: no deliveries until enabled again.').waitFor();
    await expect(page.getByRole('button', { name: /^Replay/ }).isDisabled()).resolves.toBe(true);
    expect((await harness.api.request('GET', `/v1/webhooks/${webhookId}`)).json().active).toBe(false);
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByText('Enabled.').waitFor();
    await expect(page.getByRole('button', { name: /^Replay/ }).isDisabled()).resolves.toBe(false);

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog', { name: 'Delete this webhook?' }).getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    expect((await harness.api.request('GET', `/v1/webhooks/${webhookId}`)).statusCode).toBe(404);
  });

  it('shows an egress refusal as the last error of a delivery, and keeps a signing secret it was given to itself', async () => {
    const { page } = tab;
    const chosen = `chosen-signing-secret-${'7'.repeat(24)}`;
    secrets.push(chosen);
    const form = page.getByRole('form', { name: 'Register a webhook' });
    await form.waitFor();
    // Cloud metadata addresses are refused to webhooks even with KEYLEDGER_WEBHOOK_ALLOW_PRIVATE.
    await form.getByLabel('URL').fill('http://169.254.169.254/latest/meta-data/');
    await form.getByRole('group', { name: 'Events' }).getByLabel('credential.rotated').check();
    await form.getByLabel('Signing secret (optional)').fill(chosen);
    await form.getByRole('button', { name: 'Register webhook' }).click();
    await page.getByText('Webhook registered with the signing secret you gave.').waitFor();
    await expect(page.getByLabel('Signing secret value', { exact: true }).count()).resolves.toBe(0);
    expect(await html()).not.toContain(chosen);

    const [credential] = (await harness.api.request('GET', '/v1/credentials?name=billing-openai')).json().credentials;
    await harness.api.request('POST', `/v1/credentials/${credential.id}/rotate`, { body: { secret: openAiKey('ROTATED8') } });
    const [refused] = (await harness.api.request('GET', '/v1/webhooks'))
      .json()
      .webhooks.filter((w: { url: string }) => w.url.includes('169.254'));
    const made = async () => (await harness.api.request('GET', `/v1/webhooks/${refused.id}/deliveries`)).json().deliveries.length === 1;
    await eventually(made, 20_000, 'the delivery to the refused address');
    await page.getByRole('link', { name: 'http://169.254.169.254/latest/meta-data/' }).click();
    const row = page.getByRole('region', { name: 'Deliveries' }).getByRole('row', { name: /credential\.rotated/ });
    // Three tries 100 ms apart: the page follows the pending delivery until it has failed.
    await row.getByText('failed', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(row.getByText('egress refused: 169.254.169.254 resolves to a cloud metadata address').count()).resolves.toBe(1);
    await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe('3');
    await expect(row.getByRole('button', { name: /^Replay/ }).isEnabled()).resolves.toBe(true);
  });

  it('kept no token or signing secret in storage, in any URL or in the page log, and ran without a CSP violation or an uncaught error', async () => {
    expect(secrets).toHaveLength(6);
    const stored = await tab.storedText();
    for (const value of [...secrets, ADMIN_TOKEN]) {
      expect(stored).not.toContain(value);
      expect(tab.urls.filter((u) => u.includes(value))).toEqual([]);
      expect(tab.messages.join('\n')).not.toContain(value);
    }
    expect(tab.messages.filter((m) => /Content Security Policy|^pageerror/.test(m))).toEqual([]);
  });

  it('opens a principal from a deep link and stays readable on a phone', async () => {
    const [principal] = (await harness.api.request('GET', '/v1/principals')).json().principals;
    const phone = await harness.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.signIn(ADMIN_TOKEN, `access/principals/${principal.id}`);
      await phone.page.getByRole('heading', { name: 'billing-service' }).waitFor();
      await phone.page.getByRole('region', { name: 'Tokens' }).getByText('left behind').waitFor();
      await expect(phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
      await phone.page.getByRole('navigation', { name: 'Access' }).getByRole('link', { name: 'Webhooks' }).click();
      await phone.page.getByRole('button', { name: 'New webhook' }).click();
      await phone.page.getByRole('form', { name: 'Register a webhook' }).waitFor();
      await expect(phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
    } finally {
      await phone.context.close();
    }
  });

  it('is neither in the menu nor open to an operator', async () => {
    const operator = await createPrincipal(harness.api, 'operator');
    const other = await harness.newPage();
    try {
      await other.signIn(operator.token, 'access');
      await other.page.getByText('Principals, tokens and webhooks are managed by admins; you are signed in as operator.').waitFor();
      await expect(other.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access' }).count()).resolves.toBe(0);
      await expect(other.page.getByRole('form').count()).resolves.toBe(0);
      expect(other.urls.filter((u) => /\/v1\/(principals|tokens|webhooks)/.test(u))).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});
