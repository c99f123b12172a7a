import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '#config';
import { exitWithOneLine, reportReady } from '#runtime';
import { assertKeyringUnwrapsDatabase } from '#secrets';
import { createWorker } from './worker.factory.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertKeyringUnwrapsDatabase(config);
  const app = await createWorker(config);
  closeOnSignal(app);
  reportReady('worker', () => app.close());
}

/**
 * SIGTERM/SIGINT: stop dispatching, let each processor finish the job in
 * hand, close the connections, exit 0. (Nest's own shutdown hooks re-raise
 * the signal, which would end the process with a non-zero status.) A second
 * signal kills at once.
 */
function closeOnSignal(app: INestApplicationContext): void {
  const close = () => void app.close().then(() => process.exit(0), exitWithOneLine('keyledger-worker'));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

main().catch(exitWithOneLine('keyledger-worker'));
