import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, type Observable } from 'rxjs';
import { AccessDeniedError, type RouteAction } from '#domain';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard.js';
import { AccessDenialRecorder } from './access-denial.recorder.js';
import { CREDENTIAL_ROUTE } from './credential-route.decorator.js';

/**
 * Records the refusals a credential route's handler throws (policy 404/403,
 * rate limit, reveal of a dead credential), after the handler's own
 * transaction has rolled back, then lets the error through unchanged.
 * Refusals by the role guard happen before any interceptor: RolesGuard
 * records those itself.
 */
@Injectable()
export class AccessDeniedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: AccessDenialRecorder,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<RouteAction | undefined>(CREDENTIAL_ROUTE, context.getHandler());
    if (action === undefined) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      catchError(async (error: unknown) => {
        if (error instanceof AccessDeniedError) await this.recorder.record(request, action, error.reason, error.credentialId);
        throw error;
      }),
    );
  }
}
