// keyledger credentials reveal | test.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { Credential, RevealedSecret } from '#client';
import { CliError, UsageError } from '../errors.js';
import { out, printJson, say } from '../output.js';
import { newIdempotencyKey, withSession } from '../session.js';
import { resolveCredential, resolveId } from './resolve.js';

const PASSED = new Set(['ok', 'success', 'succeeded', 'passed', 'healthy']);

export function registerSecret(credentials: Command): void {
  credentials
    .command('reveal')
    .description('print the secret to stdout (recorded in the audit trail); to a terminal only with --show')
    .argument('<id-or-name>', 'the credential id, or its name (matched ignoring case)')
    .option('--show', 'print it even though stdout is a terminal')
    .action(
      withSession<{ show?: boolean }>(async (session, [ref], o) => {
        if (process.stdout.isTTY && !o.show)
          throw new UsageError('refusing to print a secret on the terminal: pipe it (| pbcopy, > file) or add --show');
        // A name is resolved to its id first, so the audit records a reveal (a lookup is a
        // service finding a credential by host and purpose, and is recorded as looked_up).
        const id = await resolveId(session.api, ref!);
        const revealed = await session.api.request<RevealedSecret>('POST', `/v1/credentials/${id}/reveal`, { retry: true });
        if (revealed.body.expired) say(`warning: ${revealed.body.name} expired at ${revealed.body.expiresAt}`);
        if (session.json) printJson(revealed.body);
        else process.stdout.write(process.stdout.isTTY ? `${revealed.body.secret}\n` : revealed.body.secret);
      }),
    );

  credentials
    .command('test')
    .description('run the health check for this credential and wait for its result')
    .argument('<id-or-name>')
    .option('--timeout <seconds>', 'how long to wait for the result', '60')
    .option('--no-wait', 'only queue the check')
    .action(
      withSession<{ timeout: string; wait: boolean }>(async (session, [ref], o) => {
        const timeoutMs = Number(o.timeout) * 1000;
        if (!(timeoutMs > 0)) throw new UsageError('--timeout must be a positive number of seconds');
        const before = await resolveCredential(session.api, ref!);
        const path = `/v1/credentials/${before.id}`;
        const { jobId } = (await session.api.request<{ jobId: string }>('POST', `${path}/test`, { idempotencyKey: newIdempotencyKey() }))
          .body;
        if (!o.wait) return session.json ? printJson({ jobId }) : out(`queued: job ${jobId}`);
        if (!session.json) say(`testing ${before.name} (job ${jobId})...`);
        const deadline = Date.now() + timeoutMs;
        let after: Credential = before;
        while (after.lastTestedAt === before.lastTestedAt || after.lastTestedAt === null) {
          if (Date.now() > deadline)
            throw new CliError(
              `no result within ${o.timeout} s (job ${jobId}); keyledger credentials show ${before.name} shows it once it is in`,
            );
          await sleep(300);
          after = (await session.api.request<Credential>('GET', path)).body;
        }
        const passed = PASSED.has(String(after.lastTestStatus).toLowerCase());
        const result = { jobId, status: after.lastTestStatus, testedAt: after.lastTestedAt, error: after.lastTestError, passed };
        if (session.json) printJson(result);
        else
          out(`${after.name}: ${after.lastTestStatus} at ${after.lastTestedAt}${after.lastTestError ? ` (${after.lastTestError})` : ''}`);
        if (!passed) process.exitCode = 1;
      }),
    );
}
