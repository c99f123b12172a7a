import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { MikroORM } from '@mikro-orm/postgresql';
import { accessScope, CREDENTIAL_ACTIONS, ROLES, type AccessScope, type CredentialAction, type Role } from '#domain';
import { ORM } from '#runtime';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { BOOTSTRAP_PRINCIPAL_ID } from '../../../auth/token-principal.resolver.js';
import { findPrincipal } from '../../principal-rows.js';

class MeTokenResponse {
  @ApiProperty({ description: 'the id of the token this request was made with (`bootstrap` for the configured bootstrap token)' })
  id!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'when the token stops working; null: never' })
  expiresAt!: string | null;
}

export class MeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) teams!: string[];
  @ApiPropertyOptional({ type: MeTokenResponse, nullable: true }) token!: MeTokenResponse | null;
  @ApiProperty({
    description:
      'for each credential action, how far the role reaches in its tenant: `tenant` (every credential), `grants` (credentials granted to the caller or one of its teams) or `none`',
    example: { read: 'tenant', reveal: 'grants', destroy: 'none' },
  })
  credentialAccess!: Record<CredentialAction, AccessScope['kind']>;
}

/** Who the caller is: the principal behind the bearer token, its role and tenant, and when the token expires. */
@ApiTags('principals')
@ApiBearerAuth()
@Roles(...ROLES)
@Controller('v1/me')
export class MeController {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  @Get()
  @ApiOperation({ summary: 'Who the caller is: principal, role, tenant, teams, token expiry and credential reach' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    const row = principal.id === BOOTSTRAP_PRINCIPAL_ID ? null : await findPrincipal(this.orm.em.fork(), principal.id);
    const credentialAccess = Object.fromEntries(
      CREDENTIAL_ACTIONS.map((action) => [action, accessScope(principal.role, action).kind]),
    ) as Record<CredentialAction, AccessScope['kind']>;
    return {
      id: principal.id,
      name: row?.name ?? principal.id,
      tenant: principal.tenant,
      role: principal.role,
      teams: [...principal.teams],
      token: principal.token ?? null,
      credentialAccess,
    };
  }
}
