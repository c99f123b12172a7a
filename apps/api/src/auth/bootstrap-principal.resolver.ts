import { Inject, Injectable } from '@nestjs/common';
import type { KeyledgerConfig } from '#config';
import { constantTimeEqual } from '#crypto';
import { CONFIG } from '../infrastructure/tokens.js';
import type { Principal, PrincipalResolver } from './principal.js';

/** The bootstrap admin from KEYLEDGER_BOOTSTRAP_TOKEN: the way into a new install. */
@Injectable()
export class BootstrapPrincipalResolver implements PrincipalResolver {
  constructor(@Inject(CONFIG) private readonly config: KeyledgerConfig) {}

  async resolve(token: string): Promise<Principal | null> {
    const expected = this.config.bootstrapToken;
    if (!expected || !constantTimeEqual(token, expected)) return null;
    return { id: 'bootstrap-admin', tenant: this.config.bootstrapTenant, role: 'admin', teams: [] };
  }
}
