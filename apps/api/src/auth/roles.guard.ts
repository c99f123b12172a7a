import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KeyledgerError, type RouteAction } from '#domain';
import { AccessDenialRecorder } from '../access/access-denial.recorder.js';
import { CREDENTIAL_ROUTE } from '../access/credential-route.decorator.js';
import type { AuthenticatedRequest } from './bearer-auth.guard.js';
import type { Role } from './principal.js';
import { IS_PUBLIC } from './public.decorator.js';
import { ROLES } from './roles.decorator.js';

/**
 * Runs after BearerAuthGuard: a principal whose role the route does not list
 * gets 403. On a credential route the refusal is recorded as AccessDenied.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly denials: AccessDenialRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (principal && allowed.includes(principal.role)) return true;
    const action = this.reflector.get<RouteAction | undefined>(CREDENTIAL_ROUTE, context.getHandler());
    if (action !== undefined) await this.denials.record(request, action, 'forbidden');
    throw new KeyledgerError('FORBIDDEN', `role ${principal?.role ?? 'none'} may not call this route`, { allowedRoles: allowed });
  }
}
