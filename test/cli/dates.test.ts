import { ADMIN_TOKEN } from '../support/api.js';
import { cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';

// Every date option takes a day (2027-01-31), a duration (30d, 12h, 90m) or an ISO instant.
let api: HttpTestApi;
let cli: Cli;
beforeAll(async () => {
  api = await startHttpTestApi('cli_dates');
  cli = cliFor(api.url, ADMIN_TOKEN);
});
afterAll(() => api.close());

const add = (name: string, expires: string) =>
  cli(['credentials', 'add', 'custom', '--name', name, '--secret-stdin', '--expires', expires, '--json'], { stdin: 'value' });
const expiryOf = async (name: string) => JSON.parse((await cli(['credentials', 'show', name, '--json'])).stdout).expiresAt as string | null;
const today = () => new Date().toISOString().slice(0, 10);

describe('--expires', () => {
  it('reads a day as midnight UTC at its start, a duration from now, an ISO instant as given', async () => {
    expect((await add('by-day', '2027-01-31')).code).toBe(0);
    expect(await expiryOf('by-day')).toBe('2027-01-31T00:00:00.000Z');
    const before = Date.now();
    expect((await add('by-duration', '12h')).code).toBe(0);
    const ahead = Date.parse((await expiryOf('by-duration'))!) - before;
    expect(ahead).toBeGreaterThanOrEqual(12 * 3_600_000);
    expect(ahead).toBeLessThan(12 * 3_600_000 + 60_000);
    expect((await add('by-instant', '2027-01-31T12:30:00+02:00')).code).toBe(0);
    expect(await expiryOf('by-instant')).toBe('2027-01-31T10:30:00.000Z');
  });

  it('takes the same forms on update, where an empty value clears the expiry', async () => {
    expect((await cli(['credentials', 'update', 'by-day', '--expires', '2028-02-29'])).code).toBe(0);
    expect(await expiryOf('by-day')).toBe('2028-02-29T00:00:00.000Z');
    expect((await cli(['credentials', 'update', 'by-day', '--expires', ''])).code).toBe(0);
    expect(await expiryOf('by-day')).toBeNull();
  });

  it('refuses anything else as a usage error (exit 2), and creates nothing', async () => {
    for (const bad of ['2027-02-30', '31/01/2027', 'next week', '2027-01-31T12:00:00', '5y']) {
      const result = await add('never-made', bad);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--expires takes YYYY-MM-DD, a duration (30d, 12h, 90m) or an ISO instant');
    }
    expect((await cli(['credentials', 'show', 'never-made'])).code).toBe(3);
    expect((await cli(['tokens', 'create', '--name', 'x', '--role', 'service', '--expires', 'soon'])).code).toBe(2);
  });

  it('gives tokens an expiry in the same forms', async () => {
    const issued = await cli(['tokens', 'create', '--name', 'dated', '--role', 'service', '--expires', '2027-01-31', '--json']);
    expect(JSON.parse(issued.stdout).expiresAt).toBe('2027-01-31T00:00:00.000Z');
  });
});

describe('audit --from and --to', () => {
  const actions = async (...filters: string[]) =>
    JSON.parse((await cli(['audit', 'list', '--credential', 'by-instant', '--json', ...filters])).stdout).entries.map(
      (e: { action: string }) => e.action,
    );

  it('takes a day (--to: up to its end), a duration back from now, or an instant', async () => {
    expect(await actions('--from', today(), '--to', today())).toEqual(['created']);
    expect(await actions('--from', '90m')).toEqual(['created']);
    expect(await actions('--to', '90m')).toEqual([]);
    expect(await actions('--from', '2030-01-01T00:00:00Z')).toEqual([]);
    expect(await actions('--to', '2020-01-01')).toEqual([]);
    const bad = await cli(['audit', 'list', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from takes YYYY-MM-DD');
  });
});
