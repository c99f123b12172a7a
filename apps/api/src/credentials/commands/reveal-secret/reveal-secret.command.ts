import { Command } from '@nestjs/cqrs';
import type { AccessChannel } from '#domain';
import type { Principal } from '../../../auth/principal.js';
import type { RevealedSecretResponse } from './reveal-secret.dto.js';

export type RevealTarget = { id: string } | { name: string } | { host: string; purpose: string };

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export class RevealSecretCommand extends Command<RevealedSecretResponse> {
  constructor(
    readonly principal: Principal,
    readonly target: RevealTarget,
    readonly via: AccessChannel,
    readonly client: ClientInfo,
  ) {
    super();
  }
}
