import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The checks an import graph cannot express, which eslint.config.js scopes by
// folder: no clock, randomness or process state in libs/domain; process.env
// read only in libs/config. Fixture sources are linted as if they lived at the
// given paths, with the project's own config (type-aware rules off: the
// fixtures are not part of the TypeScript project).
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => readFileSync(join(root, 'test/architecture/fixtures/source', name), 'utf8');

const LINT = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] });
const reports = [];
for (const { path, text } of JSON.parse(readFileSync(0, 'utf8'))) {
  const [result] = await eslint.lintText(text, { filePath: join(process.cwd(), path) });
  reports.push(result.messages.map((m) => ({ line: m.line, rule: m.ruleId, message: m.message })));
}
process.stdout.write(JSON.stringify(reports));
`;

interface Report {
  line: number;
  rule: string | null;
  message: string;
}

function lintAs(files: { path: string; text: string }[]): Report[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT], {
    cwd: root,
    input: JSON.stringify(files),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Report[][];
}

const linesOf = (reports: Report[]) => [...new Set(reports.map((r) => r.line))].sort((a, b) => a - b);

it('refuses clocks, randomness and process state in libs/domain, and only there', () => {
  const impure = fixture('impure-domain.ts');
  const [domain = [], spec = [], api = []] = lintAs([
    { path: 'libs/domain/src/impure-domain.ts', text: impure },
    { path: 'libs/domain/src/impure-domain.spec.ts', text: impure },
    { path: 'apps/api/src/impure-domain.ts', text: impure },
  ]);
  // Date.now(), new Date(), Date(), Math.random(), crypto.randomUUID(), performance.now(), process.argv
  expect(linesOf(domain)).toEqual([3, 4, 5, 6, 7, 8, 9]);
  expect(domain.every((r) => r.message.includes('libs/domain is pure'))).toBe(true);
  expect(spec).toEqual([]);
  expect(api).toEqual([]);
}, 60_000);

it('lets libs/domain compute with the time and ids it is given', () => {
  const [reports] = lintAs([{ path: 'libs/domain/src/pure-domain.ts', text: fixture('pure-domain.ts') }]);
  expect(reports).toEqual([]);
}, 60_000);

it('reports process.env everywhere but in libs/config', () => {
  const text = fixture('env-reader.ts');
  const paths = [
    'apps/api/src/env.ts',
    'apps/worker/src/env.ts',
    'libs/secrets/src/env.ts',
    'scripts/env.ts',
    'libs/domain/src/env.ts',
    'libs/config/src/env.ts',
  ];
  const reports = lintAs(paths.map((path) => ({ path, text })));
  const readers = paths.filter((_, i) => reports[i]?.some((r) => r.message.includes('Only libs/config reads process.env.')));
  expect(readers).toEqual(paths.filter((path) => !path.startsWith('libs/config/')));
  expect(reports.at(-1)).toEqual([]);
}, 60_000);
