import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN } from '../support/api.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage } from '../support/browser.js';

// A person adds a credential with a form built from the template catalogue:
// conditional fields, key-format hints, the API's field messages inline, a
// test connection before saving. The target is a loopback HTTPS server with
// a self-signed certificate standing in for a Proxmox VE API.
const TOKEN = '3f9d2c1e-8b7a-4c6d-9e5f-0a1b2c3d4e5f';
const WRONG_TOKEN = '00000000-1111-4222-8333-444444444444';
let harness: ConsoleHarness;
let tab: ConsolePage;
let dir: string;
let pve: HttpsServer;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kl-web-pve-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    { stdio: 'ignore' },
  );
  pve = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const ok = req.url === '/api2/json/version' && req.headers.authorization === `PVEAPIToken=automation@pve!ci=${TOKEN}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end('{"data":{}}');
  });
  await new Promise<void>((resolve) => pve.listen(0, '127.0.0.1', resolve));
  port = (pve.address() as AddressInfo).port;
  harness = await startConsole('web_add');
  tab = await harness.newPage();
  await tab.signIn(ADMIN_TOKEN);
}, 90_000);

afterAll(async () => {
  await tab?.context.close();
  await harness?.close();
  await new Promise<void>((resolve) => (pve ? pve.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('adding a credential', () => {
  it('offers the key-format hint of a provider key', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: '[+] Add credential' }).click();
    await page.getByRole('button', { name: /^OpenAI/ }).click();
    await page.getByRole('heading', { name: 'New OpenAI credential' }).waitFor();
    const key = page.getByLabel('API key', { exact: true });
    await expect(key.getAttribute('type')).resolves.toBe('password');
    await expect(key.getAttribute('autocomplete')).resolves.toBe('new-password');
    await expect(page.getByText(/^Starts with sk-/).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Change type' }).click();
  });

  it('adds a Proxmox token credential after a failing test connection', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: /^Proxmox VE/ }).click();
    await page.getByRole('heading', { name: 'New Proxmox VE credential' }).waitFor();
    // The token branch by default; the password branch swaps the fields.
    await expect(page.getByLabel('Authentication').inputValue()).resolves.toBe('api_token');
    await expect(page.getByLabel('Token secret').count()).resolves.toBe(1);
    await expect(page.getByLabel('Password').count()).resolves.toBe(0);
    await page.getByLabel('Authentication').selectOption('password');
    await expect(page.getByLabel('Password').count()).resolves.toBe(1);
    await expect(page.getByLabel('Token secret').count()).resolves.toBe(0);
    await page.getByLabel('Authentication').selectOption('api_token');

    await page.getByLabel('Name', { exact: true }).fill('pve-cluster');
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(port));
    await page.getByLabel('Username', { exact: true }).fill('automation@pve');
    await page.getByLabel('Verify TLS certificate').uncheck();
    await page.getByLabel('Token ID').fill('ci');
    const secret = page.getByLabel('Token secret');
    await expect(secret.getAttribute('autocomplete')).resolves.toBe('new-password');

    // The API's field message shows under the field it is about.
    await secret.fill('not-a-uuid');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('alert').filter({ hasText: 'Some fields need attention.' }).waitFor();
    await expect(secret.getAttribute('aria-invalid')).resolves.toBe('true');
    const described = ((await secret.getAttribute('aria-describedby')) ?? '').split(' ');
    const issue = page.locator(`[id="${described.find((d) => d.endsWith('-issue'))}"]`);
    await expect(issue.innerText()).resolves.toMatch(/UUID/);

    await secret.fill(WRONG_TOKEN);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connection' }).innerText()).resolves.toMatch(/^Connection failed: .*401/);

    await secret.fill(TOKEN);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Connection works' }).waitFor();
    await expect(secret.getAttribute('aria-invalid')).resolves.toBeNull();
    await screenshotBothSchemes(page, 'add-credential');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'pve-cluster' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').at(-1) as string;
    const saved = await harness.api.request('GET', `/v1/credentials/${id}`);
    expect(saved.json()).toMatchObject({
      name: 'pve-cluster',
      type: 'proxmox',
      username: 'automation@pve',
      host: '127.0.0.1',
      extra: { port, verify_tls: false, auth_method: 'api_token', token_name: 'ci', realm: 'pam' },
    });
    const revealed = await harness.api.request('POST', `/v1/credentials/${id}/reveal`);
    expect(revealed.json().secret).toBe(TOKEN);
    // The secret went nowhere but the request bodies.
    expect(await page.title()).not.toContain(TOKEN);
    expect(tab.urls.filter((u) => u.includes(TOKEN) || u.includes(WRONG_TOKEN))).toEqual([]);
    expect(await tab.storedText()).not.toContain(TOKEN);
    expect(await page.content()).not.toContain(TOKEN);
  });

  it('edits its metadata and leaves the secret alone', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit pve-cluster' }).waitFor();
    await expect(page.getByLabel('Token secret').count()).resolves.toBe(0);
    await expect(page.getByLabel('Token ID').inputValue()).resolves.toBe('ci');
    await page.getByLabel('Description').fill('Lab cluster, automation token');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'pve-cluster' }).waitFor();
    await page.getByText('Lab cluster, automation token').waitFor();
    const id = new URL(page.url()).pathname.split('/').at(-1) as string;
    const revealed = await harness.api.request('POST', `/v1/credentials/${id}/reveal`);
    expect(revealed.json()).toMatchObject({ secret: TOKEN, secretVersion: 1 });
  });

  it('shows what the API refuses when saving', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Add credential', exact: true }).click();
    await page.getByRole('button', { name: /^Proxmox VE/ }).click();
    await page.getByLabel('Name', { exact: true }).fill('pve-cluster');
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Token ID').fill('ci');
    await page.getByLabel('Token secret').fill(TOKEN);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/name/i);
    expect(new URL(page.url()).pathname).toBe('/ui/credentials/new');
  });
});
