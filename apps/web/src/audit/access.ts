// Who may use the audit page, as the API's controllers decide it (their
// @Roles): asking without the role would only add a refusal to the trail.
import { session } from '../lib/session.svelte.js';

/** GET /v1/audit and GET /v1/events/verify: admins and auditors. */
export function mayAudit(): boolean {
  return session.me?.role === 'admin' || session.me?.role === 'auditor';
}

/** GET /v1/principals (names for actor ids): admins. */
export function mayListPrincipals(): boolean {
  return session.me?.role === 'admin';
}
