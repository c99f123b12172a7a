import { SEAL_KEY_OWNER } from '#secrets';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../../apps/worker/src/worker.factory.js';
import { ADMIN_TOKEN, startTestApi } from '../support/api.js';
import { cliEnv, cliFor, startCli, type Cli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { createCredentials, NO_HEALTH_SCHEDULE, NO_REVEAL_LIMIT, OLD_KEYS, ROTATED_KEYS, wrongReveals } from '../support/key-rotation.js';
import { runCliInPty } from '../support/pty.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

// keyledger keys: the keyring, and a master-key rotation followed live to its
// end, across a lost connection. 60 data keys under k1, then k2 is put first.
const SUITE = 'cli_keys';
const ROTATION = { KEYLEDGER_ROTATION_BATCH_SIZE: '4', KEYLEDGER_ROTATION_CONCURRENCY: '1', ...NO_HEALTH_SCHEDULE };

let db: TestDatabase;
let api: HttpTestApi;
let cli: Cli;
let secrets: Map<string, string>;
let worker: INestApplicationContext | null = null;

beforeAll(async () => {
  db = await createTestDatabase(SUITE);
  const before = await startTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: OLD_KEYS }, { database: db });
  secrets = await createCredentials(before, 'cli', 60);
  await before.close();
  // No worker yet: a rotation stays pending until the test starts one.
  api = await startHttpTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: ROTATED_KEYS, ...NO_REVEAL_LIMIT, ...ROTATION }, { database: db });
  cli = cliFor(api.url, ADMIN_TOKEN);
}, 60_000);
afterAll(async () => {
  await worker?.close();
  await api.close();
  await db.close();
});

const sealKeys = async () =>
  (
    await api.orm.em
      .fork()
      .execute<{ n: number }[]>('select count(*)::int as n from kl_data_keys where credential_id = ?', [SEAL_KEY_OWNER])
  )[0]!.n;

const startWorker = async () => {
  worker = await createWorker(api.config, { logStream: { write: () => {} } });
};

it('shows the keyring: the new key active and empty, the old one holding every data key', async () => {
  const status = await cli(['keys', 'status']);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/^KEY\s+ACTIVE\s+IN KEYRING\s+DATA KEYS\nk2\s+yes\s+yes\s+[01]\nk1\s+yes\s+60\n$/);
});

it('watches a rotation across a lost connection, with a live bar, to its end', async () => {
  const proxy: TcpProxy = await startTcpProxy(api.port, 'http');
  try {
    const env = cliEnv({ KEYLEDGER_ADDR: proxy.url, KEYLEDGER_TOKEN: ADMIN_TOKEN });
    const term = runCliInPty(['keys', 'rotate', '--mode', 'rewrap', '--watch'], env);
    await term.waitFor(/rotation [0-9a-f]{8} \[.*\] 0 data keys \| \?\/s \| ETA \? pending/);
    await proxy.pause();
    await term.waitFor('connection lost, reconnecting...');
    await proxy.resume();
    await startWorker();
    expect(await term.exit()).toBe(0);
    const screen = term.output();
    expect(screen).toMatch(/\] 60\/60 \(100%\) data keys \| [\d.]+\/s \| ETA 0s completed/);
    expect(screen).toMatch(/rotation [0-9a-f-]{36} completed: 60\/60 data keys done, 0 failed in \S+\n$/);
  } finally {
    await proxy.close();
  }
  const keys = JSON.parse((await cli(['keys', 'status', '--json'])).stdout).keys;
  // The 60 credentials' data keys, and the event log's seal key the worker made under k2.
  expect(keys.map((k: { kekId: string; dataKeys: number }) => [k.kekId, k.dataKeys])).toEqual([
    ['k2', 60 + (await sealKeys())],
    ['k1', 0],
  ]);
  expect(await wrongReveals(api, secrets)).toEqual([]);
});

it('prints progress lines without a terminal, and --json the final state', async () => {
  const result = await cli(['keys', 'rotate', '--mode', 'reencrypt', '--watch', '--json']);
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^rotation [0-9a-f]{8}: .*data keys, .*\/s, ETA \S+ (pending|running|completed)$/m);
  const all = 60 + (await sealKeys()); // reencrypt takes every data key, the seal key (rewrapped) included
  expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'reencrypt', status: 'completed', total: all, done: all, failed: 0 });
  expect(await wrongReveals(api, secrets)).toEqual([]);
});

it('starts without --watch, attaches later, and names the running rotation on a conflict', async () => {
  await worker!.close();
  worker = null;
  const started = await cli(['keys', 'rotate']);
  expect(started.code).toBe(0);
  const id = started.stdout.trim();
  expect(started.stderr).toBe(`rotation started; watch it with: keyledger keys rotation ${id} --watch\n`);
  const again = await cli(['keys', 'rotate']);
  expect(again.code).toBe(4);
  expect(again.stderr).toContain(`keyledger keys rotation ${id} --watch follows it`);
  const watching = startCli(['keys', 'rotation', id, '--watch'], cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN }));
  await watching.waitFor('pending');
  await startWorker();
  expect(await watching.exit()).toBe(0);
  expect(watching.output()).toMatch(new RegExp(`rotation ${id} completed`));
  expect((await cli(['keys', 'rotation', id, '--json'])).stdout).toContain('"status": "completed"');
});
