// Public surface of #credential-store: the credential write path and its read
// model, shared by the API (requests) and the worker (job results).
export { CREDENTIAL_STREAM_TYPE, credentialIdOfStream, credentialStreamId, toCredentialEvent } from './credential-stream.js';
export {
  credentialDecider,
  handleCredentialCommand,
  loadCredential,
  type CredentialCommandRequest,
  type CredentialOutcome,
  type LoadedCredential,
} from './credential-command.js';
export { lostOnlyToSystemEvents, onlyReencryptedSince } from './reencryption.js';
export { releaseName, reserveName } from './name-reservations.js';
export {
  findHostPurposeHolder,
  hostPurposeOf,
  releaseHostPurpose,
  reserveHostPurpose,
  type HostPurpose,
} from './host-purpose-reservations.js';
export { runSystemCommand, WORKER_ACTOR, type SystemCommandRequest } from './system-command.js';
export { openTestTarget, type OpenedTestTarget } from './test-target.js';
export type { CredentialView } from './credential-view/credential-view.js';
export { fromRow, type CredentialRow } from './credential-view/credential-view.row.js';
export { loadViews, projectCredentialEvents } from './credential-view/credential-view.writer.js';
export { catchUpCredentialView, CREDENTIAL_VIEW_PROJECTION, rebuildCredentialView } from './credential-view/credential-view.rebuild.js';
