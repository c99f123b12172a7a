import { createHash } from 'node:crypto';

// Test databases and Redis prefixes carry a short hash of the checkout's
// path, so two checkouts on one machine can run the same suites at once
// without dropping each other's databases. (test/support/global-teardown.js
// derives the same prefix to drop what a run left.)
const namespace = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 6);

const SUITE = /^[a-z0-9_]{1,40}$/;

/** `kl_test_<checkout>_<suite>`: the name of one test file's database or Redis prefix. */
export function testResourceName(suite: string): string {
  if (!SUITE.test(suite)) throw new Error(`test suite name must match ${SUITE}: "${suite}"`);
  return `kl_test_${namespace}_${suite}`;
}
