import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal.js';

export const ROLES = 'keyledger:roles';

/**
 * The roles that may call a route (on a handler, or on a controller for all
 * of its handlers). A route with neither `@Roles` nor `@Public` refuses
 * everyone: access is granted explicitly, never by omission.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Every role: routes whose answers each role may see, filtered by tenant and grants. */
export const ANY_ROLE: Role[] = ['admin', 'operator', 'service', 'auditor'];
