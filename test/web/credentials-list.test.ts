import { ADMIN_TOKEN, openAiCredential, openAiKey } from '../support/api.js';
import { screenshotBothSchemes, startConsole, type ConsoleHarness, type ConsolePage } from '../support/browser.js';

// A person finds credentials: search, filters, grouping by category, and
// each row's masked preview, key field, last test, last use and expiry.
// A name and a description with markup render as text.
let harness: ConsoleHarness;
let tab: ConsolePage;
const XSS_NAME = '<img src=x onerror="window.__xss=1">';
const XSS_DESCRIPTION = '<b>bold</b><script>window.__xss=2</script>';

const create = async (body: Record<string, unknown>) => {
  const reply = await harness.api.request('POST', '/v1/credentials', { body });
  if (reply.statusCode !== 201) throw new Error(`create ${String(body.name)}: ${reply.statusCode} ${reply.body}`);
  return reply.json();
};

beforeAll(async () => {
  harness = await startConsole('web_list');
  await create({ ...openAiCredential('chat-prod', openAiKey('ListPreview9876')), labels: ['prod', 'billing'] });
  await create({
    name: 'reports-db',
    type: 'postgres',
    username: 'reporter',
    secret: 'Pg-Secret-For-The-List-1',
    host: 'db.internal.example',
    extra: { database: 'reports', port: 5432 },
    labels: ['prod'],
    expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  await create({ name: 'deploy-hook', type: 'bearer_token', secret: 'Bearer-Hook-Secret-000111', labels: ['ci'] });
  const old = await create({ name: 'old-intranet', type: 'http_basic', username: 'ops', secret: 'Old-Secret-222333' });
  await harness.api.request('DELETE', `/v1/credentials/${old.id}`);
  await create({
    name: XSS_NAME,
    type: 'api_key',
    secret: 'Xss-Probe-Secret-444555',
    labels: ['probe'],
    description: XSS_DESCRIPTION,
  });
  tab = await harness.newPage();
  await tab.signIn(ADMIN_TOKEN, 'credentials');
}, 90_000);

afterAll(async () => {
  await tab?.context.close();
  await harness?.close();
});

const rowNames = async () => tab.page.getByRole('table').getByRole('rowheader').getByRole('link').allInnerTexts();
const settle = () =>
  tab.page
    .getByRole('status')
    .filter({ hasText: /credentials?$/ })
    .waitFor();

describe('the credentials list', () => {
  it('groups active credentials by category with a masked preview, key field, test, use and expiry', async () => {
    const { page } = tab;
    await page.getByRole('heading', { name: 'Services' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'credentials' }).innerText()).resolves.toBe('4 credentials');
    const services = page.getByRole('region', { name: 'Services' });
    const generic = page.getByRole('region', { name: 'Generic' });
    await expect(services.getByRole('rowheader').getByRole('link').allInnerTexts()).resolves.toEqual(['chat-prod', 'reports-db']);
    await expect(generic.getByRole('rowheader').getByRole('link').allInnerTexts()).resolves.toEqual([XSS_NAME, 'deploy-hook']);
    const chat = services.getByRole('row').filter({ hasText: 'chat-prod' });
    await expect(chat.getByRole('cell').allInnerTexts()).resolves.toEqual([
      'OpenAI',
      'api.openai.com',
      expect.stringMatching(/^sk-p.+9876$/),
      'not tested',
      'never',
      '—',
    ]);
    const reports = services.getByRole('row').filter({ hasText: 'reports-db' });
    await expect(reports.getByRole('cell').nth(1).innerText()).resolves.toBe('db.internal.example');
    await expect(reports.getByRole('cell').nth(5).innerText()).resolves.toMatch(/^Expires in (2|3) days$/);
    expect(await page.content()).not.toContain('Pg-Secret-For-The-List-1');
    await screenshotBothSchemes(page, 'credentials-list');
  });

  it('renders a name and a description with markup as text', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: XSS_NAME }).waitFor();
    await expect(page.locator('img').count()).resolves.toBe(0);
    await page.getByRole('link', { name: XSS_NAME }).click();
    await page.getByRole('heading', { name: XSS_NAME }).waitFor();
    await expect(page.getByText(XSS_DESCRIPTION, { exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('img, main script, main b').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__xss')).resolves.toBeUndefined();
    await page.goBack();
    await page.getByRole('heading', { name: 'Services' }).waitFor();
  });

  it('searches by name and filters by type, label, host and status', async () => {
    const { page } = tab;
    const filters = page.getByRole('search', { name: 'Filter credentials' });
    await filters.getByLabel('Search').fill('REPORTS');
    await filters.getByLabel('Search').press('Enter');
    await settle();
    await expect(rowNames()).resolves.toEqual(['reports-db']);

    await filters.getByLabel('Search').fill('');
    await filters.getByLabel('Label').fill('prod');
    await filters.getByRole('button', { name: 'Search' }).click();
    await settle();
    await expect(rowNames()).resolves.toEqual(['chat-prod', 'reports-db']);

    await filters.getByLabel('Label').fill('');
    await filters.getByLabel('Host').fill('db.internal.example');
    await filters.getByRole('button', { name: 'Search' }).click();
    await settle();
    await expect(rowNames()).resolves.toEqual(['reports-db']);

    await filters.getByLabel('Host').fill('');
    await filters.getByLabel('Type').selectOption('bearer_token');
    await settle();
    await expect(rowNames()).resolves.toEqual(['deploy-hook']);

    await filters.getByLabel('Type').selectOption('');
    await filters.getByLabel('Status').selectOption('inactive');
    await settle();
    await expect(rowNames()).resolves.toEqual(['old-intranet']);
    await expect(page.getByRole('row').filter({ hasText: 'old-intranet' }).getByText('inactive').count()).resolves.toBe(1);
    await filters.getByLabel('Status').selectOption('active');
    await settle();
  });

  it('sorts the page by expiry', async () => {
    const { page } = tab;
    await page.getByRole('search', { name: 'Filter credentials' }).getByLabel('Sort').selectOption('expiry');
    const services = page.getByRole('region', { name: 'Services' });
    await expect(services.getByRole('rowheader').getByRole('link').allInnerTexts()).resolves.toEqual(['reports-db', 'chat-prod']);
  });

  it('stays readable on a phone', async () => {
    const phone = await harness.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.signIn(ADMIN_TOKEN, 'credentials');
      await phone.page.getByRole('link', { name: 'chat-prod' }).waitFor();
      // The page itself never scrolls sideways; only the table does, inside its box.
      await expect(phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
      await expect(phone.page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    } finally {
      await phone.context.close();
    }
  });
});
