import { SetMetadata } from '@nestjs/common';
import type { RouteAction } from '#domain';

export const CREDENTIAL_ROUTE = 'keyledger:credential-route';

/**
 * Marks a route as acting on credentials, with the action it asks for. Every
 * refusal of such a route (by the role guard, the access policy, the rate
 * limiter or a reveal of a dead credential) is recorded as AccessDenied.
 */
export const CredentialRoute = (action: RouteAction) => SetMetadata(CREDENTIAL_ROUTE, action);
