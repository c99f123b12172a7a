import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { KeyledgerConfig } from '#config';
import { QuietWiringLogger } from '#runtime';
import { WorkerModule, type WorkerOptions } from './worker.module.js';

/** Builds and starts the worker (processors, dispatcher): used by main and by the end-to-end tests. */
export async function createWorker(config: KeyledgerConfig, options: WorkerOptions = {}): Promise<INestApplicationContext> {
  // abortOnError false: a failed start throws to the caller instead of ending the process.
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config, options), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new QuietWiringLogger(app.get(Logger)));
  await app.init();
  return app;
}
