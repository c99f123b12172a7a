import { KeyledgerError, type ErrorCode } from '../errors.js';
import type { AccessDecision } from './policy.js';
import type { CredentialAction, DenialReason } from './types.js';

/**
 * A refusal that is recorded as an AccessDenied event (the API records it
 * after the refused request's transaction has rolled back). Other errors of
 * a credential route (validation, conflicts, an unknown grant id) are not.
 */
export class AccessDeniedError extends KeyledgerError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly reason: DenialReason,
    details?: unknown,
    /** The credential the refusal concerns when the request named none (a lookup that found one). */
    readonly credentialId?: string,
  ) {
    super(code, message, details);
  }
}

/** The one answer for a missing credential and for one the caller may not see. */
export function credentialNotFound(credentialId: string): AccessDeniedError {
  return new AccessDeniedError('NOT_FOUND', `credential ${credentialId} not found`, 'not_found');
}

/** The refusal a policy decision stands for, or undefined when it allows. */
export function accessRefusal(decision: AccessDecision, credentialId: string, action: CredentialAction): AccessDeniedError | undefined {
  if (decision.allowed) return undefined;
  if (decision.reason === 'not_found') return credentialNotFound(credentialId);
  return new AccessDeniedError('FORBIDDEN', `you may not ${action} credential ${credentialId}`, 'forbidden', { action });
}

/** Throws the refusal a policy decision stands for. */
export function enforceAccess(decision: AccessDecision, credentialId: string, action: CredentialAction): void {
  const refusal = accessRefusal(decision, credentialId, action);
  if (refusal) throw refusal;
}
