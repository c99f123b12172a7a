import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '#config';
import { exitWithOneLine } from '#logging';
import { assertKeyringUnwrapsDatabase } from '#secrets';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertKeyringUnwrapsDatabase(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

main().catch(exitWithOneLine('keyledger-worker'));
