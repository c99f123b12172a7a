// Every import shows its plan (secrets masked), asks before writing, and
// creates each credential with an Idempotency-Key derived from the entry
// (never from its secret), so a rerun creates nothing twice.
import { maskSecret } from '#crypto';
import { validateCredentialInput } from '#domain';
import { idempotencyKey, importEntry, type EntryResult, type ImportPlan } from '#env-import';
import { CliError, EXIT, fieldIssues, messageOf } from '../errors.js';
import { out, printJson, printTable, say, type Column } from '../output.js';
import { confirm } from '../prompt.js';
import type { Session } from '../session.js';
import { progressView } from '../progress/view.js';

export interface PlanOptions {
  yes?: boolean;
  dryRun?: boolean;
  update?: boolean;
}

export const PLAN_OPTIONS: [flags: string, description: string][] = [
  ['--yes', 'import without asking'],
  ['--dry-run', 'show the plan and check every entry against its template, as the API will; writes nothing, exit 1 if any would fail'],
  ['--update', 'where a credential of the name exists with another secret, rotate it (else it is reported as changed, exit 4)'],
];

/** Shows the plan, asks, imports; exit code 1 if any entry failed. */
export async function runImportPlan(session: Session, plan: ImportPlan, kind: string, options: PlanOptions): Promise<void> {
  if (!session.json) showPlan(plan);
  const unreadable = (plan.failed ?? []).map(unreadableResult);
  if (unreadable.length > 0) process.exitCode = EXIT.error;
  if (plan.entries.length === 0) {
    if (session.json) printJson({ plan: planJson(plan), results: unreadable });
    return say('nothing to import');
  }
  if (options.dryRun) return dryRun(session, plan);
  if (!options.yes) await ask(plan.entries.length);
  const results: EntryResult[] = [...unreadable];
  const progress = plan.entries.length >= PROGRESS_FROM && process.stderr.isTTY ? progressView('import', 'credentials') : null;
  for (const [index, entry] of plan.entries.entries()) {
    const key = await idempotencyKey(kind, entry);
    results.push(
      withUpdateHint(await importEntry(session.api, entry, { idempotencyKey: key, update: options.update ?? false, describe: messageOf })),
    );
    progress?.update({ done: index + 1, total: plan.entries.length });
  }
  progress?.stop();
  if (session.json) printJson({ plan: planJson(plan), results });
  else printTable(results, RESULT_COLUMNS);
  const count = (result: EntryResult['result']) => results.filter((r) => r.result === result).length;
  const [failed, changed] = [count('failed'), count('changed')];
  say(`${count('created')} created, ${count('rotated')} rotated, ${count('unchanged')} unchanged, ${changed} changed, ${failed} failed`);
  if (changed > 0) say(`${changed} credential(s) hold another secret than the file: nothing written to them; --update rotates them`);
  if (failed > 0) process.exitCode = EXIT.error;
  else if (changed > 0) process.exitCode = EXIT.conflict;
}

/** Every entry checked against its template with the API's own validation; nothing is written. */
function dryRun(session: Session, plan: ImportPlan): void {
  const problems = plan.entries
    .map((entry) => ({ source: entry.source, name: entry.body.name, issues: validateCredentialInput(entry.body, { mode: 'create' }) }))
    .filter((problem) => problem.issues.length > 0);
  if (session.json) printJson({ plan: planJson(plan), problems });
  else if (problems.length > 0) {
    out(`Would fail: ${problems.length} of ${plan.entries.length}`);
    printTable(problems, [
      ['SOURCE', (p) => p.source],
      ['NAME', (p) => p.name],
      ['PROBLEM', (p) => fieldIssues(p.issues).join('; ')],
    ]);
  }
  say(
    problems.length > 0
      ? `dry run: ${problems.length} of ${plan.entries.length} would fail; nothing written`
      : `dry run: all ${plan.entries.length} valid; nothing written`,
  );
  if (problems.length > 0) process.exitCode = EXIT.error;
}

const RESULT_COLUMNS: Column<EntryResult>[] = [
  ['SOURCE', (r) => r.source],
  ['NAME', (r) => r.name],
  ['RESULT', (r) => r.result],
  ['ID', (r) => r.id],
  ['DETAIL', (r) => r.detail],
];

/** Imports of this many entries or more show a progress bar (on a terminal only). */
const PROGRESS_FROM = 20;

function unreadableResult(row: { source: string; reason: string }): EntryResult {
  return { source: row.source, name: '', result: 'failed', id: null, detail: row.reason };
}

function withUpdateHint(result: EntryResult): EntryResult {
  return result.result === 'changed' ? { ...result, detail: `${result.detail}: --update rotates it` } : result;
}

function showPlan(plan: ImportPlan): void {
  out(`Plan: ${plan.entries.length} credential(s)`);
  printTable(plan.entries, [
    ['SOURCE', (e) => e.source],
    ['NAME', (e) => e.body.name],
    ['TYPE', (e) => e.body.type],
    ['HOST', (e) => e.body.host],
    ['USERNAME', (e) => e.body.username],
    ['SECRET', (e) => maskSecret(e.body.secret)],
    ['NOTES', (e) => e.notes.join('; ')],
  ]);
  for (const skip of plan.skipped) out(`skipped ${skip.source}: ${skip.reason}`);
  for (const failure of plan.failed ?? []) out(`failed ${failure.source}: ${failure.reason}`);
}

function planJson(plan: ImportPlan) {
  return {
    entries: plan.entries.map(({ source, body, notes }) => ({ source, notes, credential: { ...body, secret: maskSecret(body.secret) } })),
    skipped: plan.skipped,
    failed: plan.failed ?? [],
  };
}

async function ask(count: number): Promise<void> {
  if (!(await confirm(`Import ${count} credential(s)?`)))
    throw new CliError('nothing imported (answer y, or pass --yes to import without asking)');
}
