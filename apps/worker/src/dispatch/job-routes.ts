import { credentialTestRoute } from '../health/credential-test.route.js';
import { keyRotationRoute } from '../key-rotations/key-rotation.jobs.js';
import { webhookFanoutRoute } from '../webhooks/webhook-fanout.route.js';
import type { JobRoute } from './job-route.js';

/**
 * Every event-to-job route of the worker. A feature that reacts to events
 * adds one line here (its route lives next to its processor); the
 * dispatcher enqueues what they ask for. See apps/worker/README.md.
 */
export const JOB_ROUTES: readonly JobRoute[] = [credentialTestRoute, webhookFanoutRoute, keyRotationRoute];
