import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { getTemplate, KeyledgerError, listTemplates, type CredentialTemplate } from '#domain';
import { ANY_ROLE, Roles } from '../auth/roles.decorator.js';

const TEMPLATE_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string', example: 'openai' },
    label: { type: 'string' },
    category: { type: 'string', enum: ['seed', 'service'] },
    description: { type: 'string' },
    fields: {
      type: 'array',
      description: 'the form: each field with its kind, whether it is required, its options and conditions',
      items: { type: 'object', additionalProperties: true },
    },
    testable: { type: 'boolean', description: 'the worker knows a health check for this type' },
    defaultPort: { type: 'integer' },
    seedNames: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

/** The template catalogue: enough to build a form (kinds, required, options, conditions, key hints). */
@ApiTags('templates')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller('v1/templates')
export class TemplatesController {
  @Get()
  @ApiOperation({ summary: "Every credential type's template" })
  @ApiOkResponse({
    description: 'every credential type',
    schema: { type: 'object', properties: { templates: { type: 'array', items: TEMPLATE_SCHEMA } } },
  })
  list(): { templates: CredentialTemplate[] } {
    return { templates: listTemplates() };
  }

  @Get(':type')
  @ApiOperation({ summary: 'The template of one credential type' })
  @ApiOkResponse({ description: 'one credential type', schema: TEMPLATE_SCHEMA })
  get(@Param('type') type: string): CredentialTemplate {
    const template = getTemplate(type);
    if (!template) throw new KeyledgerError('NOT_FOUND', `no template for type "${type}"; GET /v1/templates lists them`);
    return template;
  }
}
