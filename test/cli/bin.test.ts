import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_MAIN, NODE } from '../support/cli.js';

// `keyledger` is the package's bin: runnable as `npx keyledger` in the repository.
const root = fileURLToPath(new URL('../..', import.meta.url));

it('declares an executable keyledger bin with a node shebang', () => {
  const manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  expect(manifest.bin).toEqual({ keyledger: 'bin/keyledger.js' });
  expect(readFileSync(`${root}/bin/keyledger.js`, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  expect(statSync(`${root}/bin/keyledger.js`).mode & 0o111).toBe(0o111);
});

it('runs through npx from the repository', () => {
  const version = execFileSync('npx', ['--no-install', 'keyledger', '--version'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  expect(version.trim()).toBe(manifestVersion());
});

it('prints nothing on stderr through npx run by the machine’s own npm, without a terminal', () => {
  // The machine's npm may run on an older Node than the CLI needs (here Node 20):
  // npx must neither warn about engines nor fail, and the CLI runs on the project's Node.
  const path = (process.env.PATH ?? '').split(':').filter((dir) => !dir.includes('node_modules'));
  const run = spawnSync('npx', ['keyledger', '--version'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    input: '',
    // A fresh npm cache: npx checks engines when it first installs the package into it.
    env: { PATH: path.join(':'), HOME: process.env.HOME ?? '/tmp', npm_config_cache: mkdtempSync(join(tmpdir(), 'kl-npx-')) },
  });
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe(manifestVersion());
  expect(run.status).toBe(0);
});

it('ends quietly when the reader closes its stdout early (| head)', async () => {
  const child = spawn(NODE, [CLI_MAIN, 'grants', 'add', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  expect(stderr).toBe('');
  expect(code).toBe(0);
});

function manifestVersion(): string {
  return JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version;
}
