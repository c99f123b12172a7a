import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { BootstrapPrincipalResolver } from './bootstrap-principal.resolver.js';
import { PRINCIPAL_RESOLVER } from './principal.js';

@Module({
  providers: [
    { provide: PRINCIPAL_RESOLVER, useClass: BootstrapPrincipalResolver },
    { provide: APP_GUARD, useClass: BearerAuthGuard },
  ],
})
export class AuthModule {}
