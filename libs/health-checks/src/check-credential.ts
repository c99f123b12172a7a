import type { TestOutcome } from '#domain';
import { healthCheckEgress, type EgressPolicy } from '#egress';
import { testerFor } from './registry.js';
import { scrubSecret, secretForms } from './scrub.js';
import { seconds, TestFailure, type TestTarget, type Tester } from './tester.js';

const MAX_ERROR_LENGTH = 500;
/** Testers bound their own connects and requests; this catches one that does not. */
const DEADLINE_GRACE_MS = 1000;
/** Without a configured policy: link-local and metadata addresses refused, no allow-list. */
const DEFAULT_EGRESS = healthCheckEgress({ allow: [], webhookAllowPrivate: false });

/**
 * Runs the credential's tester within the timeout and reports the outcome.
 * Never throws: whatever goes wrong is a failed outcome whose message is
 * scrubbed of every form of the secret and cut to 500 characters.
 */
export async function checkCredential(
  target: TestTarget,
  timeoutMs: number,
  tester: Tester | undefined = testerFor(target),
  egress: EgressPolicy = DEFAULT_EGRESS,
): Promise<TestOutcome> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    if (!tester) throw new TestFailure(`no health check applies to this ${target.type} credential (it has no URL, or no host and port)`);
    await withDeadline(tester(target, { timeoutMs, egress }), timeoutMs + DEADLINE_GRACE_MS);
    return { ok: true, durationMs: durationMs() };
  } catch (error) {
    const message = error instanceof TestFailure ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    return { ok: false, durationMs: durationMs(), error: scrubSecret(message, secretForms(target)).slice(0, MAX_ERROR_LENGTH) };
  }
}

async function withDeadline(check: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TestFailure(`timed out after ${seconds(ms)}`)), ms);
  });
  try {
    await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
