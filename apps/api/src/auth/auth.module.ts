import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { PRINCIPAL_RESOLVER } from './principal.js';
import { RolesGuard } from './roles.guard.js';
import { TokenPrincipalResolver } from './token-principal.resolver.js';

@Module({
  providers: [
    TokenPrincipalResolver,
    { provide: PRINCIPAL_RESOLVER, useExisting: TokenPrincipalResolver },
    // Order matters: authentication, then the role check.
    { provide: APP_GUARD, useClass: BearerAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [TokenPrincipalResolver, PRINCIPAL_RESOLVER],
})
export class AuthModule {}
