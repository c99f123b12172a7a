// Public surface of #key-rotation: master-key rotations (rewrap and
// re-encrypt), their progress and the steps the worker's jobs run.
export type { RotationProgress, RotationStatus } from './progress.js';
export { findProgress } from './progress.sql.js';
export { startKeyRotation } from './start.js';
export {
  drainKeyRotation,
  failKeyRotation,
  planKeyRotation,
  runKeyRotationBatch,
  settleKeyRotation,
  type RotationDeps,
} from './rotation-steps.js';
