// Public surface of #key-rotation: master-key rotations (rewrap and
// re-encrypt), their progress and the steps the worker's jobs run.
export type { RotationProgress, RotationStatus } from './progress.js';
export { findProgress, listRecentProgress } from './progress.sql.js';
export { startKeyRotation } from './start.js';
export { drainKeyRotation, failKeyRotation, planKeyRotation, runKeyRotationBatch, settleKeyRotation } from './rotation-steps.js';
export type { RotationDeps } from './rotation-deps.js';
