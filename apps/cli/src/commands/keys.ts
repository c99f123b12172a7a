// keyledger keys status | rotate | rotation: master keys and their rotation jobs (admin).
import type { Command } from 'commander';
import { ConflictError, type KekStatus, type KeyRotation } from '#client';
import { CliError, EXIT, UsageError } from '../errors.js';
import { out, printJson, printTable, say } from '../output.js';
import { newIdempotencyKey, withSession, type Session } from '../session.js';
import { reportRotation, watchRotation } from './rotation-watch.js';

const MODES = ['rewrap', 'reencrypt'];

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('master keys: status and rotation (admin)');
  keys
    .command('status')
    .description('each master key: active or not, in the keyring or not, the data keys it wraps')
    .action(
      withSession(async (session) => {
        const body = (await session.api.request<{ keys: KekStatus[] }>('GET', '/v1/keys')).body;
        if (session.json) return printJson(body);
        printTable(body.keys, [
          ['KEY', (k) => k.kekId],
          ['ACTIVE', (k) => (k.active ? 'yes' : '')],
          ['IN KEYRING', (k) => (k.inKeyring ? 'yes' : 'NO')],
          ['DATA KEYS', (k) => k.dataKeys],
        ]);
      }),
    );
  keys
    .command('rotate')
    .description('start a rotation: every data key wrapped again under the active master key (reencrypt: fresh data keys too)')
    .option('--mode <mode>', 'rewrap or reencrypt', 'rewrap')
    .option('--watch', 'show a live progress bar until it ends (survives a lost connection)')
    .action(
      withSession<{ mode: string; watch?: boolean }>(async (session, _args, o) => {
        if (!MODES.includes(o.mode)) throw new UsageError('--mode must be rewrap or reencrypt');
        const rotationId = await startRotation(session, o.mode);
        if (!o.watch) {
          if (session.json) return printJson({ rotationId });
          say(`rotation started; watch it with: keyledger keys rotation ${rotationId} --watch`);
          return out(rotationId);
        }
        await finish(session, await watchRotation(session, rotationId));
      }),
    );
  keys
    .command('rotation')
    .description("a rotation's progress; --watch follows it to the end")
    .argument('<rotation-id>')
    .option('--watch')
    .action(
      withSession<{ watch?: boolean }>(async (session, [id], o) => {
        const progress = o.watch
          ? await watchRotation(session, id!)
          : (await session.api.request<KeyRotation>('GET', `/v1/keys/rotations/${encodeURIComponent(id!)}`)).body;
        await finish(session, progress);
      }),
    );
}

async function startRotation(session: Session, mode: string): Promise<string> {
  try {
    const body = { mode };
    return (await session.api.request<{ rotationId: string }>('POST', '/v1/keys/rotations', { body, idempotencyKey: newIdempotencyKey() }))
      .body.rotationId;
  } catch (error) {
    const running = (error as { details?: { rotationId?: unknown } }).details?.rotationId;
    if (error instanceof ConflictError && typeof running === 'string') {
      throw new CliError(`${error.message}: keyledger keys rotation ${running} --watch follows it`, EXIT.conflict);
    }
    throw error;
  }
}

async function finish(session: Session, progress: KeyRotation): Promise<void> {
  if (session.json) printJson(progress);
  else out(reportRotation(progress));
  if (progress.status === 'failed') process.exitCode = 1;
}
