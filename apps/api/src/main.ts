import 'reflect-metadata';
import { loadConfig } from '#config';
import { exitWithOneLine, reportReady } from '#runtime';
import { assertKeyringUnwrapsDatabase } from '#secrets';
import { createApi } from './app.factory.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertKeyringUnwrapsDatabase(config);
  const app = await createApi(config);
  await app.listen({ port: config.port, host: config.host });
  reportReady('api', () => app.close());
}

main().catch(exitWithOneLine('keyledger-api'));
