import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The layer rules of .dependency-cruiser.js, run as `npm run lint` runs them:
// every rule fires on a tree built to break it, and none fires on the repository.
const root = fileURLToPath(new URL('../..', import.meta.url));
const broken = join(root, 'test/architecture/fixtures/broken');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface CruiseResult {
  modules: { source: string; dependencies: { module: string; resolved: string }[] }[];
  summary: {
    violations: { from: string; to: string; rule: { name: string } }[];
  };
}

function cruise(cwd: string, paths: string[]): { violations: Violation[]; libImports: Map<string, Set<string>> } {
  const run = spawnSync(
    process.execPath,
    [depcruise, '--config', join(root, '.dependency-cruiser.js'), '--output-type', 'json', ...paths],
    {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`depcruise exited with ${run.status}: ${run.stderr}`);
  const { modules, summary } = JSON.parse(run.stdout) as CruiseResult;
  const violations = summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  violations.sort((a, b) => a.rule.localeCompare(b.rule) || a.from.localeCompare(b.from));
  // Each #lib specifier and the files it resolved to.
  const libImports = new Map<string, Set<string>>();
  for (const { module, resolved } of modules.flatMap((m) => m.dependencies)) {
    if (module.startsWith('#')) libImports.set(module, (libImports.get(module) ?? new Set()).add(resolved));
  }
  return { violations, libImports };
}

it('reports each rule on the file of the fixture tree made to break it, and nothing else', () => {
  const { violations } = cruise(broken, ['libs', 'apps']);
  expect(violations).toEqual([
    { rule: 'apps-not-to-other-apps', from: 'apps/worker/src/main.ts', to: 'apps/api/src/app.ts' },
    { rule: 'browser-code-without-node-builtins', from: 'libs/client/src/token-file.ts', to: 'fs' },
    { rule: 'browser-code-without-node-builtins', from: 'libs/env-import/src/env-file.ts', to: 'fs' },
    { rule: 'crypto-on-node-crypto-alone', from: 'libs/crypto/src/key-file.ts', to: 'fs' },
    { rule: 'domain-is-pure', from: 'libs/domain/src/clock.ts', to: 'timers/promises' },
    { rule: 'domain-is-pure', from: 'libs/domain/src/framework.ts', to: expect.stringMatching(/node_modules\/@nestjs\/common\//) },
    // #crypto resolved through package.json "imports" with the `source` condition.
    { rule: 'domain-is-pure', from: 'libs/domain/src/sealed.ts', to: 'libs/crypto/src/index.ts' },
    { rule: 'env-import-on-client-alone', from: 'libs/env-import/src/preview.ts', to: 'libs/crypto/src/index.ts' },
    { rule: 'libs-not-to-apps', from: 'libs/audit/src/trail.ts', to: 'apps/api/src/app.ts' },
    { rule: 'no-circular', from: 'libs/audit/src/cycle-a.ts', to: 'libs/audit/src/cycle-b.ts' },
    { rule: 'no-unresolvable', from: 'apps/api/src/missing.ts', to: '#no-such-lib' },
    { rule: 'web-to-browser-safe-code-only', from: 'apps/web/src/vault.ts', to: 'libs/domain/src/index.ts' },
  ]);
}, 60_000);

it('finds no violation in the repository, whose #lib imports all resolve to libs/*/src', () => {
  const { violations, libImports } = cruise(root, ['apps', 'libs', 'scripts', 'bench', 'test', 'bin']);
  expect(violations).toEqual([]);
  expect(libImports.size).toBeGreaterThan(10);
  for (const [specifier, files] of libImports)
    expect([specifier, [...files]]).toEqual([specifier, [`libs/${specifier.slice(1)}/src/index.ts`]]);
}, 120_000);
