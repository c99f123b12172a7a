import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { KeyledgerConfig } from '#config';
import { AppModule, type ApiOptions } from './app.module.js';
import { ErrorFilter } from './http/error.filter.js';
import { Metrics } from './metrics/metrics.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { serveConsole } from './console/serve-console.js';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the API (not yet listening): used by main and by the end-to-end tests. */
export async function createApi(config: KeyledgerConfig, options: ApiOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config, options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(app.get(Metrics)));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Keyledger')
      .setDescription('Credential vault: envelope-encrypted secrets on an append-only, tamper-evident event log')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  serveConsole(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
