import 'reflect-metadata';
import type { Server } from 'node:https';
import { Logger } from '@nestjs/common';
import { loadConfig } from '#config';
import { exitWithOneLine, reportReady } from '#runtime';
import { assertKeyringUnwrapsDatabase } from '#secrets';
import { createApi } from './app.factory.js';
import { reloadTlsOnSighup } from './http/tls.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertKeyringUnwrapsDatabase(config);
  const app = await createApi(config);
  await app.listen({ port: config.port, host: config.host });
  const logger = new Logger('Listener');
  if (config.tls) {
    reloadTlsOnSighup(app.getHttpServer() as Server, config.tls, logger);
    logger.log(`serving HTTPS (TLS 1.2 or later) on ${config.host}:${config.port}; SIGHUP reloads the certificate`);
  } else {
    const why = config.allowPlainHttp ? 'KEYLEDGER_ALLOW_PLAIN_HTTP: behind a TLS-terminating proxy' : 'loopback only';
    logger.log(`serving plain HTTP on ${config.host}:${config.port} (${why}); set KEYLEDGER_TLS_CERT and KEYLEDGER_TLS_KEY for HTTPS`);
  }
  reportReady('api', () => app.close());
}

main().catch(exitWithOneLine('keyledger-api'));
