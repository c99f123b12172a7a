import { ShutdownSignal } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { loadTlsMaterial, type KeyledgerConfig } from '#config';
import { QuietWiringLogger } from '#runtime';
import { AppModule, type ApiOptions } from './app.module.js';
import { ErrorFilter } from './http/error.filter.js';
import { documentErrors, ErrorResponse } from './http/openapi.js';
import { Metrics } from './metrics/metrics.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { secureContextOptions, sendHsts } from './http/tls.js';
import { BODY_LIMIT_BYTES, installRequestInput } from './http/request-input.js';
import { ReadRetryInterceptor } from './http/read-retry.interceptor.js';
import { serveConsole } from './console/serve-console.js';

/** Builds the API (not yet listening): used by main and by the end-to-end tests. */
export async function createApi(config: KeyledgerConfig, options: ApiOptions = {}): Promise<NestFastifyApplication> {
  // With a certificate the API speaks HTTPS only: Fastify's server is then an https.Server.
  const https = config.tls ? secureContextOptions(loadTlsMaterial(config.tls)) : null;
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy, ...(https ? { https } : {}) });
  if (https) sendHsts(adapter.getInstance());
  // abortOnError false: a module that fails to start throws to the caller (main prints one line and exits;
  // a test fails) instead of Nest ending the whole process.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config, options), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  installRequestInput(adapter.getInstance());
  app.useLogger(new QuietWiringLogger(app.get(Logger)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(app.get(Metrics)));
  app.useGlobalInterceptors(new ReadRetryInterceptor());
  // With TLS, SIGHUP reloads the certificate (main.ts) instead of stopping the API.
  app.enableShutdownHooks(https ? Object.values(ShutdownSignal).filter((signal) => signal !== ShutdownSignal.SIGHUP) : undefined);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Keyledger')
      .setDescription('Credential vault: envelope-encrypted secrets on an append-only, tamper-evident event log')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorResponse] },
  );
  documentErrors(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  serveConsole(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
