import type { CommandMetadata, CreatePrincipal } from '#domain';
import type { NewPrincipal } from './commands/create-principal/create-principal.command.js';
import type { NewPrincipalDto } from './principal.dto.js';

export function newPrincipalOf(dto: NewPrincipalDto): NewPrincipal {
  return { name: dto.name, role: dto.role, teams: dto.teams ?? [], ...(dto.tenant === undefined ? {} : { tenant: dto.tenant }) };
}

export function createPrincipal(principalId: string, tenant: string, principal: NewPrincipal, metadata: CommandMetadata): CreatePrincipal {
  return {
    type: 'CreatePrincipal',
    data: { principalId, tenant, name: principal.name, role: principal.role, teams: principal.teams },
    metadata,
  };
}
