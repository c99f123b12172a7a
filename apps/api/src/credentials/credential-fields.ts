import type { RegisterCredentialDto } from './commands/register-credential/register-credential.dto.js';

/**
 * The credential fields a create or an update sent, as validated by the DTO
 * (JSON types only; the template checks the values). A field that was not
 * sent is absent, not undefined: an update changes only what it names. An
 * optional field may be null (clears it, or is refused by the template).
 */
export interface CredentialFields {
  name?: string | null;
  type?: string | null;
  username?: string | null;
  secret?: string | null;
  extra?: Record<string, unknown> | null;
  host?: string | null;
  purpose?: string | null;
  labels?: string[] | null;
  description?: string | null;
  expiresAt?: string | null;
}

const FIELDS = ['name', 'type', 'username', 'secret', 'extra', 'host', 'purpose', 'labels', 'description', 'expiresAt'] as const;

export function credentialFieldsOf(dto: RegisterCredentialDto): CredentialFields {
  const fields: Record<string, unknown> = {};
  for (const field of FIELDS) if (dto[field] !== undefined) fields[field] = dto[field];
  return fields;
}
