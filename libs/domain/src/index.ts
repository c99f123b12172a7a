// Public surface of #domain: pure credential rules, no framework, no I/O.
export * from './errors.js';
export { UUID, UUID_SOURCE } from './shared/uuid.js';
export * from './credentials/types.js';
export { initialState, evolve, foldCredential } from './credentials/evolve.js';
export { decide } from './credentials/decide.js';
export { isHealthEvent, isTestResultDue, type HealthEvent } from './credentials/health.js';
export { nextSecretVersion } from './credentials/rotation.js';
export { secretVersionHistory } from './credentials/history.js';
export { changedFields } from './credentials/changes.js';
export { isExpiryDue, isReminderCovered, markReminded } from './credentials/expiry.js';
export { activeGrants, findActiveGrant } from './credentials/grants.js';
export { NAME_MAX_LENGTH, NAME_RULE, foldName, nameProblem, normalizeName } from './credentials/name.js';
export {
  type RevealCandidate,
  type RevealContext,
  type RevealDecision,
  type RevealRequest,
  type RevealTarget,
  decideReveal,
} from './credentials/reveal.js';
export {
  type AccessChannel,
  type AccessDenied,
  type CredentialAction,
  type DenialReason,
  type RouteAction,
  type SecretRevealed,
  type UnsavedCredentialTested,
  ACCESS_STREAM_TYPE,
  CREDENTIAL_ACTIONS,
  accessStreamId,
  deniedAccessStreamId,
  principalAccessStreamId,
} from './access/types.js';
export {
  type AccessDecision,
  type AccessScope,
  type AccessSubject,
  type AccessTarget,
  type GrantRef,
  accessScope,
  checkAccess,
  permissionsHeld,
} from './access/policy.js';
export { AccessDeniedError, credentialNotFound, enforceAccess } from './access/denial.js';

export type {
  CredentialInput,
  CredentialTemplate,
  FieldFormat,
  FieldKind,
  FieldTarget,
  SeedMapping,
  TemplateField,
} from './templates/types.js';
export { settingOf } from './templates/settings.js';
export { TEMPLATE_TYPES, type TemplateType, getTemplate, isTemplateType, listTemplates } from './templates/catalogue.js';
export { METADATA_FIELDS, validateCredentialInput, validateMetadataChanges, validateSecret } from './templates/validate.js';
export { type NormalizedCredential, normalizeCredentialInput } from './templates/normalize.js';
export { activeSecretField, conditionValues, isActive } from './templates/conditions.js';
export { parseInstant } from './templates/instant.js';
export { MAX_SECRET_BYTES } from './templates/validate-fields.js';
export * from './principals/types.js';
export { decidePrincipal, principalIssues, TEAM_NAME } from './principals/decide.js';
export { evolvePrincipal, foldPrincipal, initialPrincipalState } from './principals/evolve.js';
export * from './webhooks/types.js';
export {
  isNotificationType,
  NOTIFICATION_TYPES,
  NOTIFYING_EVENT_TYPES,
  notificationOf,
  type Notification,
  type NotificationType,
} from './webhooks/notifications.js';
export { decideWebhook } from './webhooks/decide.js';
export { evolveWebhook, foldWebhook } from './webhooks/evolve.js';
export * from './key-rotations/types.js';
export { initialKeyRotationState, evolveKeyRotation, foldKeyRotation } from './key-rotations/evolve.js';
export { decideKeyRotation } from './key-rotations/decide.js';
