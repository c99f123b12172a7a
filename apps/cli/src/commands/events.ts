// keyledger events replay | verify: the raw, hash-chained event log (admin, auditor).
import type { Command } from 'commander';
import { out, printJson, say } from '../output.js';
import { withSession } from '../session.js';
import { positive } from './audit.js';
import { replayEvents } from './events-replay.js';

interface VerifyResult {
  ok: boolean;
  checked: number;
  sealedThrough?: number;
  firstBadPosition?: number;
  reason?: string;
  unverifiable?: string[];
}

export function registerEvents(program: Command): void {
  const events = program.command('events').description('the raw event log (admin, auditor)');
  events
    .command('replay')
    .description('write the log as NDJSON, in log order, from a position on (a progress bar on a terminal)')
    .option(
      '--from <position>',
      'start after the event at this position (0: the beginning; the last position of a previous replay resumes it)',
      '0',
    )
    .option('--to <position>', 'stop at the first event past this position')
    .option('--out <file>', 'write to this file (mode 600) instead of stdout')
    .option('--page-size <n>', 'events per request (1-10000)', '1000')
    .action(
      withSession<{ from: string; to?: string; out?: string; pageSize: string }>(async (session, _args, o) => {
        const options = {
          from: positive(o.from, '--from', 0),
          to: o.to === undefined ? null : positive(o.to, '--to', 0),
          out: o.out ?? null,
          pageSize: positive(o.pageSize, '--page-size'),
        };
        const result = await replayEvents(session.api, options);
        const resume = result.last === null ? '' : `; resume with --from ${result.last}`;
        say(`replayed ${result.count} events${result.last === null ? '' : ` (through position ${result.last})`}${resume}`);
      }),
    );
  events
    .command('verify')
    .description('recompute every hash and seal of the log; names the first bad position')
    .action(
      withSession(async (session) => {
        const result = (await session.api.request<VerifyResult>('GET', '/v1/events/verify')).body;
        if (session.json) printJson(result);
        else out(describe(result));
        if (!result.ok) process.exitCode = 1;
      }),
    );
}

function describe(r: VerifyResult): string {
  if (r.ok) return `ok: ${r.checked} events verified${r.sealedThrough !== undefined ? `, sealed through position ${r.sealedThrough}` : ''}`;
  const where = r.firstBadPosition !== undefined ? ` at position ${r.firstBadPosition}` : '';
  const keys = r.unverifiable?.length ? `; seals under master keys not in the keyring: ${r.unverifiable.join(', ')}` : '';
  return `FAILED: the log does not verify${where}${r.reason ? `: ${r.reason}` : ''} (${r.checked} events checked)${keys}`;
}
