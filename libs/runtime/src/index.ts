// Public surface of #runtime: what a Keyledger process (API, worker,
// scripts) runs on besides its own code: the shared resources and their
// injection tokens, the BullMQ queues and jobs, and logging.
export { CONFIG, KEY_PROVIDER, ORM, REDIS } from './tokens.js';
export { CORE_EXPORTS, coreProviders, closeCore } from './core-providers.js';
export {
  BATCH_JOB,
  CREDENTIAL_TESTS_QUEUE,
  credentialTestJobId,
  DELIVER_JOB,
  deliveryJobId,
  EXPIRY_QUEUE,
  EXPIRY_SCAN_JOB,
  EXPIRY_SCHEDULER_ID,
  FANOUT_JOB,
  fanoutJobId,
  HEALTH_SCAN_JOB,
  HEALTH_SCAN_SCHEDULER_ID,
  jobIdOf,
  KEY_ROTATION_QUEUE,
  keyRotationBatchJobId,
  keyRotationPlanJobId,
  PLAN_JOB,
  QUEUE_NAMES,
  REMIND_JOB,
  reminderJobId,
  REPLAY_JOB,
  replayJobId,
  SCHEDULED_TEST_JOB,
  scheduledTestJobId,
  TEST_JOB,
  WEBHOOK_DELIVERY_QUEUE,
  WEBHOOK_FANOUT_QUEUE,
} from './jobs.js';
export { bullRootOptions, JOB_RETENTION, queueConnection } from './queue-options.js';
export { loggerOptions } from './logger-options.js';
export { exitWithOneLine } from './fatal.js';
export { CommandEnvironmentModule } from './command-environment.module.js';
export { formatLogLine, logDestination, QuietWiringLogger, requestLogLevel, resolveLogFormat } from './log-format.js';
export { HEAP_AFTER_GC_METRIC, heapUsedOutsideYoungGeneration, METRICS_PREFIX, registerProcessMetrics } from './process-metrics.js';
export { SERVICE_MALLOC_ARENA_MAX, SERVICE_NODE_FLAGS, serviceEnv } from './service-process.js';
export { isReadyMessage, reportReady, type ReadyMessage } from './supervised.js';
