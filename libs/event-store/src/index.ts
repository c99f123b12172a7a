export {
  START,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type VerifyResult,
} from './types.js';
export { appendToStream } from './append.js';
export { appendUnversioned, type UnversionedOptions } from './append-unversioned.js';
export { readStream, type StreamRead } from './read-stream.js';
export { readAll, checkpointOf, checkpointAt, type ReadAllOptions } from './read-all.js';
export { LOG_CHANNEL } from './log-channel.js';
export { eventsWaiting, readCheckpoint, storeCheckpoint, resetCheckpoint } from './checkpoints.js';
export { processBatch, DEFAULT_BATCH_SIZE, type BatchHandler, type BatchOptions } from './process-batch.js';
export { catchUp, rebuildFromStart, type CatchUpOptions, type CatchUpResult } from './catch-up.js';
export { canonicalJson } from './canonical-json.js';
export { eventHash, HASH_FORMAT, type HashedFields } from './hash.js';
export { verifyLog } from './verify.js';
export { SEAL_FORMAT, SEAL_KEY_PURPOSE, sealKeyObject, sealMac, type SealedFields } from './seal-mac.js';
export type { SealKeyring } from './seal-keys.js';
export { EVENT_SEAL_CONSUMER, SealRefused, catchUpSeals, sealHandler } from './seal.js';
export { verifySealedLog, type SealedVerifyResult } from './verify-sealed.js';
export { Clock, IdSource, RandomIds, SystemClock, fixedClock, systemEnvironment, type CommandEnvironment } from './command-environment.js';
export {
  COMMAND_ATTEMPTS,
  commandHandler,
  decideAll,
  isVersionConflict,
  loadStream,
  type BuildCommands,
  type BuildContext,
  type CommandOutcome,
  type Decider,
  type HandleOptions,
  type LoadedStream,
} from './command-handler.js';
