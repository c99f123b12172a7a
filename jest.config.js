import { readFileSync } from 'node:fs';

// Unit tests sit next to pure code (`*.spec.ts`); integration and end-to-end
// tests live in `test/` and talk to the real Postgres and Redis.

// Every `#lib` of package.json `imports` resolves to its `source` (never to
// dist/, which may be stale); read from package.json so the two cannot drift.
const { imports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const libSources = Object.fromEntries(
  Object.entries(imports).map(([name, target]) => [`^${escape(name)}$`, `<rootDir>/${target.source.replace(/^\.\//, '')}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    ...libSources,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  // The fixtures are deliberately broken source trees, read by test/architecture only.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/test/architecture/fixtures/', '<rootDir>/clients/python/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/architecture/fixtures/'],
};

export default {
  // Integration tests wait on real Postgres and Redis; a project-level timeout is ignored by jest.
  testTimeout: 30000,
  // Most files wait on Postgres, Redis, child processes or a browser rather than compute: four at a
  // time keep two cores busy (jest's default of cores - 1 runs them one by one).
  maxWorkers: 4,
  // Drops whatever databases and Redis keys of this checkout's tests are left, failed suites' included.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.test.ts'] },
  ],
};
