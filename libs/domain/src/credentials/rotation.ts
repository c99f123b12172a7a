import { KeyledgerError } from '../errors.js';
import type { CredentialState } from './types.js';

/**
 * The secret version a rotation must seal for. The caller needs it before
 * `decide` (it is bound into the ciphertext), so RotateSecret's state rules
 * are checked here, and `decide` uses this same function.
 */
export function nextSecretVersion(state: CredentialState): number {
  if (state.status === 'absent') throw new KeyledgerError('NOT_FOUND', 'credential not found');
  const id = state.credentialId;
  if (state.status === 'destroyed') {
    throw new KeyledgerError('CREDENTIAL_DESTROYED', `credential ${id} was destroyed; its secret can no longer change`);
  }
  if (state.status === 'inactive') {
    throw new KeyledgerError('CREDENTIAL_INACTIVE', `credential ${id} is deactivated; restore it before rotating its secret`);
  }
  return state.secretVersion + 1;
}
