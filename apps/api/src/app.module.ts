import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { KeyledgerConfig } from '#config';
import { CommandEnvironmentModule, logDestination, loggerOptions, requestLogLevel } from '#runtime';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { QueueDashboardModule } from './admin/queue-dashboard.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { GlassdomeModule } from './compat/glassdome/glassdome.module.js';
import { SecretsBrokerModule } from './compat/secrets-broker/secrets-broker.module.js';
import { ZainOneModule } from './compat/zainone/zainone.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthController } from './health/health.controller.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { KeysModule } from './keys/keys.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PrincipalsModule } from './principals/principals.module.js';
import { TemplatesController } from './templates/templates.controller.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface ApiOptions {
  /** Where log lines go (stdout by default); tests capture them here. */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forConfig(config: KeyledgerConfig, options: ApiOptions = {}): DynamicModule {
    const pino = {
      ...loggerOptions(config.logLevel, 'keyledger-api'),
      autoLogging: true,
      quietReqLogger: true,
      customLogLevel: requestLogLevel,
    };
    const stream = options.logStream ?? logDestination(config.logFormat);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: stream ? [pino, stream] : pino,
          forRoutes: [{ path: '*splat', method: RequestMethod.ALL }],
        }),
        InfrastructureModule.forConfig(config),
        CommandEnvironmentModule,
        MetricsModule,
        CqrsModule.forRoot(),
        AccessModule,
        AuthModule,
        CredentialsModule,
        SecretsBrokerModule,
        ZainOneModule,
        GlassdomeModule,
        KeysModule,
        PrincipalsModule,
        EventsModule,
        AuditModule,
        WebhooksModule,
        QueueDashboardModule,
      ],
      controllers: [HealthController, TemplatesController],
    };
  }
}
