import { ADMIN_TOKEN } from '../support/api.js';
import { eventually } from '../support/async.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage } from '../support/browser.js';
import { answer, basicAuth, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { createPrincipal } from '../support/principals.js';

// A person opens a credential: reveals and copies its secret (audited,
// hidden again after 30 s, on blur and on navigation, never kept anywhere),
// tests it through the worker, rotates, deactivates, restores, grants, sees
// who read it, and destroys it behind typing its name.
const SECRET = 'Intranet-Secret-Value-778899';
const ROTATED = 'Intranet-Rotated-Value-112233';
let harness: ConsoleHarness;
let site: LoopbackHttp;
let tab: ConsolePage;
let id: string;

beforeAll(async () => {
  harness = await startConsole('web_detail');
  site = await startLoopbackHttp((request, response) => answer(response, request.headers.authorization === basicAuth('deploy', SECRET)));
  const created = await harness.api.request('POST', '/v1/credentials', {
    body: {
      name: 'intranet',
      type: 'http_basic',
      username: 'deploy',
      secret: SECRET,
      extra: { url: `${site.url}/login` },
      labels: ['ops'],
      description: 'The intranet wiki login',
    },
  });
  id = created.json().id;
  tab = await harness.newPage();
  await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.api.url });
  await tab.page.clock.install();
  await tab.signIn(ADMIN_TOKEN, `credentials/${id}`);
  await tab.page.getByRole('heading', { name: 'intranet' }).waitFor();
}, 90_000);

afterAll(async () => {
  await tab?.context.close();
  await site?.close();
  await harness?.close();
});

const secretValue = () => tab.page.getByLabel('Secret value');
const html = () => tab.page.content();

describe('a credential page', () => {
  it('shows metadata, the masked secret, versions and events', async () => {
    const { page } = tab;
    await expect(page.getByLabel('Masked secret').innerText()).resolves.toMatch(/^I…8899$/);
    await expect(page.getByText('The intranet wiki login').count()).resolves.toBe(1);
    await expect(page.getByRole('region', { name: 'Secret versions' }).getByRole('listitem').count()).resolves.toBe(1);
    await page.getByRole('region', { name: 'Events' }).getByText('CredentialRegistered').waitFor();
    expect(await html()).not.toContain(SECRET);
    await screenshotBothSchemes(page, 'credential-detail');
  });

  it('reveals the secret on request, records the read, and hides it after 30 seconds', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(secretValue().innerText()).resolves.toBe(SECRET);
    // The page clock also moves with real time, so the steps leave it a few seconds of slack.
    await page.clock.runFor(25_000);
    await expect(secretValue().count()).resolves.toBe(1);
    await page.clock.runFor(6_000);
    await expect(secretValue().count()).resolves.toBe(0);
    expect(await html()).not.toContain(SECRET);
    const revealed = () => harness.api.request('GET', `/v1/audit?credentialId=${id}&action=revealed`);
    await eventually(async () => (await revealed()).json().entries.length > 0, 20_000, 'the reveal reaching the audit trail');
    const audit = await revealed();
    expect(audit.json().entries).toEqual([expect.objectContaining({ action: 'revealed', credentialId: id })]);
    expect(audit.body).not.toContain(SECRET);
  });

  it('hides the secret when the window loses focus and when leaving the page', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Reveal' }).click();
    await secretValue().waitFor();
    await page.evaluate("window.dispatchEvent(new Event('blur'))");
    await expect(secretValue().count()).resolves.toBe(0);
    expect(await html()).not.toContain(SECRET);

    await page.getByRole('button', { name: 'Reveal' }).click();
    await secretValue().waitFor();
    await page.getByRole('link', { name: 'Credentials' }).first().click();
    await page.getByRole('heading', { name: 'Credentials', exact: true }).waitFor();
    expect(await html()).not.toContain(SECRET);
    await page.goBack();
    await page.getByRole('button', { name: 'Reveal' }).waitFor();
    expect(await html()).not.toContain(SECRET);
  });

  it('copies the secret without showing it and clears the clipboard after 30 seconds', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied. The clipboard is cleared in 30 seconds.').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(SECRET);
    expect(await html()).not.toContain(SECRET);
    await page.clock.runFor(30_000);
    await page.getByText('Clipboard cleared.').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe('');
  });

  it('tests the credential now and shows the result when the worker has it', async () => {
    const { page } = tab;
    await page.clock.resume();
    await page.getByRole('button', { name: 'Test now' }).click();
    await page.getByText('Test passed.').waitFor({ timeout: 20_000 });
    expect(site.seen.some((r) => r.url === '/login')).toBe(true);
    await expect(page.getByRole('region', { name: 'Details' }).getByText('OK', { exact: true }).count()).resolves.toBe(1);
  });

  it('rotates the secret into a new version', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Rotate' }).click();
    const input = page.getByLabel('New secret');
    await expect(input.getAttribute('autocomplete')).resolves.toBe('new-password');
    await expect(input.getAttribute('type')).resolves.toBe('password');
    await input.fill(ROTATED);
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByText('Secret rotated.').waitFor();
    await expect(page.getByRole('region', { name: 'Secret versions' }).getByRole('listitem').count()).resolves.toBe(2);
    await expect(page.getByRole('region', { name: 'Secret versions' }).getByRole('listitem').first().innerText()).resolves.toMatch(
      /^v2 .*current$/s,
    );
    expect(await html()).not.toContain(ROTATED);
  });

  it('grants a team use of it and revokes the grant', async () => {
    const { page } = tab;
    const grants = page.getByRole('region', { name: 'Access grants' });
    await grants.getByLabel('Team name').fill('payments');
    await grants.getByRole('button', { name: 'Grant' }).click();
    await grants.getByRole('button', { name: 'Revoke use from payments' }).click();
    await grants.getByText('No grants').waitFor();
    await grants.getByLabel('Team name').fill('not a team!');
    await grants.getByRole('button', { name: 'Grant' }).click();
    await expect(grants.getByRole('alert').innerText()).resolves.toMatch(/team/);
  });

  it('shows who read it, by name, and how many reads were refused', async () => {
    const { page } = tab;
    const reader = await createPrincipal(harness.api, 'service', { name: 'deploy-bot' });
    const stranger = await createPrincipal(harness.api, 'service', { name: 'nosy-service' });
    const granted = await harness.api.request('POST', `/v1/credentials/${id}/grants`, {
      body: { principalId: reader.principalId, permission: 'use' },
    });
    expect(granted.statusCode).toBe(201);
    for (const token of [reader.token, reader.token]) {
      expect((await harness.api.request('POST', `/v1/credentials/${id}/reveal`, { token })).statusCode).toBe(200);
    }
    expect((await harness.api.request('POST', `/v1/credentials/${id}/reveal`, { token: stranger.token })).statusCode).toBe(404);

    const usage = page.getByRole('region', { name: 'Usage' });
    const readers = () => usage.getByRole('rowheader').allInnerTexts();
    // The usage follows the audit trail, which follows the log: ask again until the reads are there.
    await eventually(
      async () => {
        await usage.getByRole('button', { name: 'Refresh usage' }).click();
        await usage.getByRole('button', { name: 'Refresh usage' }).and(page.locator(':enabled')).waitFor();
        return (await readers()).includes('deploy-bot') && /1 refused read\b/.test(await usage.getByRole('status').innerText());
      },
      20_000,
      'the reads and the refusal in the usage panel',
    );
    // The admin revealed it on this page before; the service's reads are the most recent.
    await expect(readers()).resolves.toEqual(['deploy-bot', 'bootstrap-admin']);
    await expect(usage.getByRole('row').filter({ hasText: 'deploy-bot' }).getByRole('cell').first().innerText()).resolves.toBe('2');
    expect(await usage.innerText()).not.toContain(reader.principalId);

    // An auditor may read usage but not principals: readers show by a short id.
    const auditor = await createPrincipal(harness.api, 'auditor', { name: 'usage-auditor' });
    const audit = await harness.newPage();
    try {
      await audit.signIn(auditor.token, `credentials/${id}`);
      const panel = audit.page.getByRole('region', { name: 'Usage' });
      await panel.getByRole('rowheader').first().waitFor();
      await expect(panel.getByRole('rowheader').allInnerTexts()).resolves.toEqual([
        `${reader.principalId.slice(0, 8)}…`,
        'bootstrap-admin',
      ]);
      expect(audit.urls.filter((u) => u.includes('/v1/principals'))).toEqual([]);
    } finally {
      await audit.context.close();
    }
  });

  it('deactivates and restores it', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Deactivated. Restore it to use it again.').waitFor();
    await expect(page.getByRole('button', { name: 'Reveal' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored.').waitFor();
    await expect(page.getByRole('button', { name: 'Reveal' }).count()).resolves.toBe(1);
  });

  it('destroys it only once its name is typed', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Destroy…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Destroy intranet?' });
    const confirm = dialog.getByRole('button', { name: 'Destroy forever' });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Type the name to confirm').fill('intranet-typo');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Type the name to confirm').fill('intranet');
    await confirm.click();
    await page.getByText('Destroyed: its secret can no longer be read by anyone.').waitFor();
    await expect(page.getByRole('button', { name: 'Reveal' }).count()).resolves.toBe(0);
    const reveal = await harness.api.request('POST', `/v1/credentials/${id}/reveal`);
    expect(reveal.statusCode).toBe(409);
  });

  it('kept no secret in storage or in any URL it visited', async () => {
    const stored = await tab.storedText();
    for (const value of [SECRET, ROTATED, ADMIN_TOKEN]) {
      expect(stored).not.toContain(value);
      expect(tab.urls.filter((u) => u.includes(value))).toEqual([]);
    }
    expect(tab.messages.join('\n')).not.toContain(SECRET);
  });
});
