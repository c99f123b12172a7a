import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `keyledger` is the package's bin: runnable as `npx keyledger` in the repository.
const root = fileURLToPath(new URL('../..', import.meta.url));

it('declares the compiled entry point as the keyledger bin, with a node shebang', () => {
  const manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  expect(manifest.bin).toEqual({ keyledger: 'dist/apps/cli/src/main.js' });
  expect(readFileSync(`${root}/dist/apps/cli/src/main.js`, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

it('runs through npx from the repository', () => {
  const version = execFileSync('npx', ['--no-install', 'keyledger', '--version'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  expect(version.trim()).toBe(manifestVersion());
});

function manifestVersion(): string {
  return JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version;
}
