// The layer rules, checked on the resolved imports of every TypeScript and
// JavaScript file (`npm run lint`). Paths are relative to the folder
// depcruise runs in: the repository root, or a fixture tree of the same
// shape in test/architecture/fixtures/.

// Unit specs sit next to the code and may use test helpers and fast-check.
const SPEC = '\\.spec\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing outside itself: no npm package, no node: builtin, no other lib.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: SPEC },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'crypto-on-node-crypto-alone',
      comment: 'libs/crypto builds on node:crypto and nothing else.',
      severity: 'error',
      from: { path: '^libs/crypto/', pathNot: SPEC },
      // A builtin resolves to its bare name: node:crypto is `crypto` here.
      to: { pathNot: ['^libs/crypto/', '^crypto$'] },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'A lib never reaches into an app; apps compose libs.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      comment: 'apps/api, apps/worker and apps/cli share code through libs only.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'web-to-browser-safe-code-only',
      comment:
        'The console runs in a browser: of the repository it may import libs/client and libs/env-import alone (no server code, no secrets logic).',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: { path: ['^apps/', '^libs/'], pathNot: ['^apps/web/', '^libs/client/', '^libs/env-import/'] },
    },
    {
      name: 'env-import-on-client-alone',
      comment: 'libs/env-import is shared by the CLI and the console: of the other libs it may import libs/client alone.',
      severity: 'error',
      from: { path: '^libs/env-import/', pathNot: SPEC },
      to: { path: '^libs/', pathNot: ['^libs/env-import/', '^libs/client/'] },
    },
    {
      name: 'browser-code-without-node-builtins',
      comment: 'The console and the libs it uses run in browsers: no node: builtin.',
      severity: 'error',
      from: { path: ['^apps/web/src/', '^libs/client/src/', '^libs/env-import/src/'], pathNot: SPEC },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included: a cycle is a tangle whether or not tsc erases it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves; an unresolved #lib import would slip past the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/architecture/fixtures/', '(^|/)dist/'] },
    // Type-only imports count too: a domain file may not even name a framework type.
    tsPreCompilationDeps: true,
    // The libs are reached through package.json "imports" (#domain, #crypto, ...);
    // the `source` condition points them at libs/<name>/src/index.ts, as for tsc.
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'node', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts', '.svelte'],
    },
    skipAnalysisNotInRules: true,
  },
};
