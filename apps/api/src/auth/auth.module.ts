import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { BootstrapPrincipalResolver } from './bootstrap-principal.resolver.js';
import { PRINCIPAL_RESOLVER } from './principal.js';
import { RolesGuard } from './roles.guard.js';

@Module({
  providers: [
    { provide: PRINCIPAL_RESOLVER, useClass: BootstrapPrincipalResolver },
    // Order matters: authentication, then the role check.
    { provide: APP_GUARD, useClass: BearerAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
