import type { CredentialResponse } from '../../credentials/credential.response.js';
import type { ZainOneCredential } from './zainone.dto.js';

/** The masked credential in ZainOne's answer shape; the secret is never part of it. */
export function toZainOne(credential: CredentialResponse): ZainOneCredential {
  return {
    id: credential.id,
    name: credential.name,
    type: credential.type,
    username: credential.username,
    extra: credential.extra,
    created_at: credential.createdAt,
    updated_at: credential.updatedAt,
    is_active: credential.status === 'active',
  };
}
