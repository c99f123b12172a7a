import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { KeyledgerError } from '#domain';
import { IS_PUBLIC } from './public.decorator.js';
import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from './principal.js';
import { TOKEN_HEADER } from './token-header.decorator.js';

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
    const header = this.reflector.getAllAndOverride<string | undefined>(TOKEN_HEADER, [context.getHandler(), context.getClass()]);
    const token = header === undefined ? bearerToken(request) : headerToken(request, header);
    const principal = await this.resolver.resolve(token);
    if (!principal) throw new KeyledgerError('UNAUTHENTICATED', 'invalid or expired token');
    request.principal = principal;
    return true;
  }
}

function bearerToken(request: AuthenticatedRequest): string {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (!match) throw new KeyledgerError('UNAUTHENTICATED', 'missing bearer token: send Authorization: Bearer <token>');
  return match[1]!;
}

function headerToken(request: AuthenticatedRequest, header: string): string {
  const value = request.headers[header];
  const token = typeof value === 'string' ? value.trim() : '';
  if (token === '') throw new KeyledgerError('UNAUTHENTICATED', `missing token: send it in ${header}`);
  return token;
}
