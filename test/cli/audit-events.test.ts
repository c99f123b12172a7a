import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, openAiCredential, openAiKey } from '../support/api.js';
import { cliEnv, cliFor, startCli, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { eventually } from '../support/async.js';
import { createPrincipal } from '../support/principals.js';
import { runCliInPty } from '../support/pty.js';

// The audit trail and the raw event log from the terminal: list, follow,
// replay (with a progress bar), verify, and a tampered log caught.
let api: HttpTestApi;
let cli: Cli;
let auditorCli: Cli;
let id: string;
const em = () => api.orm.em.fork();
const SECRET = openAiKey('Audited1Audited1');

beforeAll(async () => {
  // With a worker: it keeps the keyed seal over the log that verify checks.
  api = await startHttpTestApi('cli_audit_events', { KEYLEDGER_PROJECTION_INTERVAL_MS: '50' }, { worker: true });
  cli = cliFor(api.url, ADMIN_TOKEN);
  auditorCli = cliFor(api.url, (await createPrincipal(api, 'auditor')).token);
  id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('audited', SECRET) })).json().id;
  for (let i = 0; i < 3; i++) await api.request('POST', `/v1/credentials/${id}/reveal`);
  for (let i = 0; i < 5; i++) await api.request('POST', '/v1/credentials', { body: openAiCredential(`filler-${i}`) });
});
afterAll(() => api.close());

const tenantEvents = async () =>
  (await em().execute<{ n: number }[]>(`select count(*)::int as n from kl_events where tenant = 'default'`))[0]!.n;

describe('audit', () => {
  it('lists entries with filters, by credential name, for an auditor too', async () => {
    const revealed = await auditorCli(['audit', 'list', '--credential', 'audited', '--action', 'revealed']);
    expect(revealed.code).toBe(0);
    const rows = revealed.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^AT\s+ACTOR\s+ACTION\s+OUTCOME\s+CREDENTIAL\s+POSITION\s+DETAILS$/);
    expect(rows.slice(1)).toHaveLength(3);
    expect(rows[1]).toMatch(new RegExp(`bootstrap-admin\\s+revealed\\s+success\\s+${id}`));
    const json = JSON.parse((await cli(['audit', 'list', '--credential', id, '--json'])).stdout);
    expect(json.entries.map((e: { action: string }) => e.action)).toEqual(['revealed', 'revealed', 'revealed', 'created']);
    expect(JSON.stringify(json)).not.toContain(SECRET);
  });

  it('pages with --limit, and refuses a role that may not read the trail', async () => {
    const page = await cli(['audit', 'list', '--limit', '2']);
    expect(page.stdout.trim().split('\n')).toHaveLength(3);
    expect(page.stderr).toMatch(/^next page: --cursor \S+ \(or --all\)\n$/);
    const all = JSON.parse((await cli(['audit', 'list', '--limit', '2', '--all', '--json'])).stdout);
    expect(all.entries.length).toBeGreaterThanOrEqual(9);
    const operator = cliFor(api.url, (await createPrincipal(api, 'operator')).token);
    expect((await operator(['audit', 'list'])).code).toBe(1);
  });

  it('follows new entries as they happen', async () => {
    const tail = startCli(
      ['audit', 'tail', '-n', '2', '--interval', '200', '--credential', 'audited'],
      cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN }),
    );
    await tail.waitFor(/revealed success/);
    expect(tail.output().trim().split('\n')).toHaveLength(2);
    await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('Audited2Audited2') } });
    await tail.waitFor(/bootstrap-admin rotated success/);
    await api.request('DELETE', `/v1/credentials/${id}`);
    await tail.waitFor(/bootstrap-admin deactivated success/);
    const lines = tail.output().trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/rotated/);
    tail.kill('SIGTERM');
    await tail.exit();
    await api.request('POST', `/v1/credentials/${id}/restore`);
  });
});

describe('events', () => {
  it('replays the log as NDJSON in log order, resumable from the last position', async () => {
    const all = await auditorCli(['events', 'replay', '--page-size', '3']);
    expect(all.code).toBe(0);
    const lines = all.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(await tenantEvents());
    expect(lines.find((line) => line.streamId === `credential-${id}`)).toMatchObject({ type: 'CredentialRegistered' });
    const positions = lines.map((line) => line.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(all.stdout).not.toContain(SECRET);
    const last = lines.at(-1).position;
    expect(all.stderr).toBe(`replayed ${lines.length} events (through position ${last}); resume with --from ${last}\n`);
    const middle = lines[4].position;
    const tail = await auditorCli(['events', 'replay', '--from', String(middle), '--json']);
    expect(
      tail.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).position),
    ).toEqual(lines.slice(5).map((l) => l.position));
    const window = await auditorCli(['events', 'replay', '--from', String(lines[1].position), '--to', String(lines[3].position)]);
    expect(
      window.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).position),
    ).toEqual(lines.slice(2, 4).map((l) => l.position));
    expect((await auditorCli(['events', 'replay', '--from', String(last)])).stdout).toBe('');
  });

  it('writes a replay to a file with a progress bar on the terminal', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kl-replay-')), 'log.ndjson');
    const term = runCliInPty(
      ['events', 'replay', '--out', file, '--page-size', '2'],
      cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN }),
    );
    expect(await term.exit()).toBe(0);
    const count = await tenantEvents();
    expect(term.output()).toMatch(new RegExp(`replay \\[[█░]+\\] ${count}/\\d+ \\(\\d+%\\) events \\| [\\d.?]+/s \\| ETA \\S+`));
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(count);
  });

  it('verifies the log, and names the position of an event removed behind its back', async () => {
    const newest = (await em().execute<{ p: string }[]>('select max(global_position) as p from kl_events'))[0]!.p;
    await eventually(
      async () => (await api.request('GET', '/v1/events/verify')).json().sealedThrough >= Number(newest),
      10_000,
      'the worker seals the log',
    );
    const ok = await auditorCli(['events', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: \d+ events verified, sealed through position \d+\n$/);
    const [row] = await em().execute<{ p: string }[]>(`select max(global_position) as p from kl_events where type = 'SecretRevealed'`);
    const position = Number(row!.p);
    await em().transactional(async (tx) => {
      await tx.execute('alter table kl_events disable trigger user');
      await tx.execute('delete from kl_events where global_position = ?', [position]);
      await tx.execute('alter table kl_events enable trigger user');
    });
    const bad = await auditorCli(['events', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`^FAILED: the log does not verify at position ${position}: .+ \\(\\d+ events checked\\)\\n$`));
    const json = await auditorCli(['events', 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadPosition: position });
  });
});
