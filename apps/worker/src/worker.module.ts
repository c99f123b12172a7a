import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { KeyledgerConfig } from '#config';
import { bullRootOptions, CommandEnvironmentModule, logDestination, loggerOptions, QUEUE_NAMES } from '#runtime';
import { DispatchService } from './dispatch/dispatch.service.js';
import { CredentialCheck } from './health/credential-check.service.js';
import { CredentialTestProcessor } from './health/credential-test.processor.js';
import { HealthScan } from './health/health-scan.service.js';
import { HealthSchedule } from './health/health-schedule.service.js';
import { ExpiryProcessor } from './expiry/expiry.processor.js';
import { ExpiryScheduler } from './expiry/expiry-scheduler.js';
import { WorkerInfrastructureModule } from './infrastructure/worker-infrastructure.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { KeyRotationProcessor } from './key-rotations/key-rotation.processor.js';
import { WorkerMetricsModule } from './metrics/worker-metrics.module.js';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor.js';
import { WebhookFanoutProcessor } from './webhooks/webhook-fanout.processor.js';
import { WakeupsModule } from './wakeups/wakeups.module.js';

export interface WorkerOptions {
  /** Where log lines go (stdout by default); tests capture them here. */
  logStream?: DestinationStream;
}

/**
 * The worker's composition root: infrastructure, the BullMQ queues, the job
 * dispatcher (committed events -> jobs) and the processors.
 */
@Module({})
export class WorkerModule {
  static forConfig(config: KeyledgerConfig, options: WorkerOptions = {}): DynamicModule {
    const pino = loggerOptions(config.logLevel, 'keyledger-worker');
    const stream = options.logStream ?? logDestination(config.logFormat);
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: stream ? [pino, stream] : pino }),
        WorkerInfrastructureModule.forConfig(config),
        WakeupsModule.forConfig(config),
        CommandEnvironmentModule,
        BullModule.forRoot(bullRootOptions(config)),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
        ProjectionsModule.forConfig(config),
        WorkerMetricsModule,
      ],
      providers: [
        DispatchService,
        CredentialCheck,
        HealthScan,
        HealthSchedule,
        CredentialTestProcessor,
        ExpiryScheduler,
        ExpiryProcessor,
        WebhookFanoutProcessor,
        WebhookDeliveryProcessor,
        KeyRotationProcessor,
      ],
    };
  }
}
