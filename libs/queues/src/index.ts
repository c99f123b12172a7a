// Public surface of #queues: queue names and connection, shared by the worker and the API.
export {
  CREDENTIAL_TESTS_QUEUE,
  EXPIRY_QUEUE,
  KEY_ROTATION_QUEUE,
  QUEUE_NAMES,
  WEBHOOK_DELIVERY_QUEUE,
  WEBHOOK_FANOUT_QUEUE,
} from './queue-names.js';
export { queueConnection } from './connection.js';
