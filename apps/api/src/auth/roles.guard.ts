import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KeyledgerError } from '#domain';
import type { AuthenticatedRequest } from './bearer-auth.guard.js';
import type { Role } from './principal.js';
import { IS_PUBLIC } from './public.decorator.js';
import { ROLES } from './roles.decorator.js';

/** Runs after BearerAuthGuard: a principal whose role the route does not list gets 403. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal && allowed.includes(principal.role)) return true;
    throw new KeyledgerError('FORBIDDEN', `role ${principal?.role ?? 'none'} may not call this route`, { allowedRoles: allowed });
  }
}
