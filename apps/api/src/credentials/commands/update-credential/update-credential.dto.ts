import { RegisterCredentialDto } from '../register-credential/register-credential.dto.js';

/**
 * Same JSON shape as a create. PATCH: metadata only (a `secret` is refused:
 * rotate it instead). PUT: seed-compatible; a `secret` rotates it and `type`
 * must stay the same.
 */
export class UpdateCredentialDto extends RegisterCredentialDto {}
