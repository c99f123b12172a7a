import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { KeyledgerError } from '#domain';
import { IS_PUBLIC } from './public.decorator.js';
import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from './principal.js';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new KeyledgerError('UNAUTHENTICATED', 'missing bearer token: send Authorization: Bearer <token>');
    const principal = await this.resolver.resolve(match[1]!);
    if (!principal) throw new KeyledgerError('UNAUTHENTICATED', 'invalid or expired token');
    request.principal = principal;
    return true;
  }
}
