import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { getTemplate, KeyledgerError, listTemplates, type CredentialTemplate } from '#domain';
import { ANY_ROLE, Roles } from '../auth/roles.decorator.js';

/** The template catalogue: enough to build a form (kinds, required, options, conditions, key hints). */
@ApiTags('templates')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller('v1/templates')
export class TemplatesController {
  @Get()
  @ApiOkResponse({ description: '{ templates: CredentialTemplate[] }' })
  list(): { templates: CredentialTemplate[] } {
    return { templates: listTemplates() };
  }

  @Get(':type')
  @ApiOkResponse({ description: 'one CredentialTemplate' })
  get(@Param('type') type: string): CredentialTemplate {
    const template = getTemplate(type);
    if (!template) throw new KeyledgerError('NOT_FOUND', `no template for type "${type}"; GET /v1/templates lists them`);
    return template;
  }
}
