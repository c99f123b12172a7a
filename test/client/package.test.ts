import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE } from '../support/cli.js';

// libs/client is usable as its own package: it builds alone from its own
// package.json and tsconfig, and a program outside the repository imports it
// by name. Built on global fetch, it depends on nothing, and touches no files.
const root = fileURLToPath(new URL('../..', import.meta.url));
const lib = join(root, 'libs/client');
const sources = readdirSync(join(lib, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

it('imports only its own files: no other lib, no package, no file system', () => {
  const imports = sources.flatMap((file) =>
    [...readFileSync(join(lib, 'src', file), 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!),
  );
  expect(imports.length).toBeGreaterThan(5);
  expect(imports.filter((specifier) => !specifier.startsWith('./'))).toEqual([]);
});

it('builds alone and is imported by its package name', () => {
  const app = mkdtempSync(join(tmpdir(), 'kl-client-app-'));
  const installed = join(app, 'node_modules', '@keyledger', 'client');
  mkdirSync(installed, { recursive: true });
  execFileSync(
    NODE,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(lib, 'tsconfig.json'), '--outDir', join(installed, 'dist')],
    { stdio: 'pipe' },
  );
  cpSync(join(lib, 'package.json'), join(installed, 'package.json'));
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({ name: '@keyledger/client', type: 'module', exports: { '.': { types: './dist/index.d.ts' } } });
  expect(manifest.dependencies).toBeUndefined();
  expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
  writeFileSync(
    join(app, 'app.mjs'),
    `
    import { KeyledgerClient, connectionString, NotFoundError, TtlCache } from '@keyledger/client';
    const client = new KeyledgerClient({ addr: 'http://127.0.0.1:1', token: 't', cache: { ttlMs: 1000 } });
    console.log(typeof client.getSecret, typeof client.lookup, typeof TtlCache, new NotFoundError(404, 'x', 'NOT_FOUND', undefined, { method: 'GET', path: '/' }).status,
      connectionString({ type: 'redis', username: null, secret: 's', extra: {}, host: 'h' }));
  `,
  );
  expect(execFileSync(NODE, [join(app, 'app.mjs')], { cwd: app, encoding: 'utf8' }).trim()).toBe(
    'function function function 404 redis://:s@h:6379/0',
  );
});
