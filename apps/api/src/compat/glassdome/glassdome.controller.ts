import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { getTemplate, KeyledgerError } from '#domain';
import { CredentialRoute } from '../../access/credential-route.decorator.js';
import type { AuthenticatedRequest } from '../../auth/bearer-auth.guard.js';
import { ANY_ROLE, Roles } from '../../auth/roles.decorator.js';
import { RotateSecretCommand } from '../../credentials/commands/rotate-secret/rotate-secret.command.js';
import { GetCredentialQuery } from '../../credentials/queries/get-credential/get-credential.query.js';
import { CommandContextFactory, replyStatus, replyWith } from '../../http/command-context.js';
import { SEED_CREDENTIALS_PATH } from '../shared/seed-routes.js';
import { rotationSecretOf, toGlassdome, type GlassdomeCredential } from './glassdome-credential.js';
import { glassdomeForm, templateOfServiceType, type GlassdomeForm } from './glassdome-form.js';
import { GlassdomeCredentialTest, type GlassdomeTestAnswer } from './glassdome-test.js';
import { GlassdomeCredentialSchema, GlassdomeFormSchema, GlassdomeTestAnswerSchema } from './glassdome.responses.js';

/**
 * Glassdome's routes beside ZainOne's /api/credentials (which serves the
 * CRUD both systems share): its form of a service type, built from the
 * template catalogue, and the test and rotation of a stored credential,
 * through the /v1 commands. Errors keep Keyledger's body.
 */
@ApiTags('glassdome')
@ApiBearerAuth()
@Controller(SEED_CREDENTIALS_PATH)
export class GlassdomeController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly tests: GlassdomeCredentialTest,
  ) {}

  @Get('templates/:service_type')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: "Glassdome's credential form of a service type, from the template catalogue" })
  @ApiOkResponse({ type: GlassdomeFormSchema })
  template(@Param('service_type') serviceType: string): GlassdomeForm {
    const template = templateOfServiceType(serviceType);
    if (!template) throw new KeyledgerError('NOT_FOUND', 'no credential template for this service type; GET /v1/templates lists them');
    return glassdomeForm(template);
  }

  @Post(':id/test')
  @Roles('admin', 'operator', 'service')
  @CredentialRoute('test')
  @HttpCode(200)
  @ApiOperation({ summary: "Test the credential against its target now and record the result (the worker's health check)" })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: GlassdomeTestAnswerSchema, description: 'a failed check is success: false' })
  async test(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<GlassdomeTestAnswer> {
    void reply.header('cache-control', 'no-store');
    return replyStatus(reply, await this.tests.run(this.contexts.from(request), id));
  }

  @Post(':id/rotate')
  @Roles('admin', 'operator', 'service')
  @CredentialRoute('rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the secret: a new secret version' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({
    description: '{"secret": "..."} or the secret under its Glassdome field name ({"token_value": "..."}, {"api_key": "..."}, ...)',
    schema: { type: 'object', additionalProperties: { type: 'string' } },
  })
  @ApiOkResponse({ type: GlassdomeCredentialSchema, description: "the credential in Glassdome's shape, never the secret" })
  async rotate(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
  ): Promise<GlassdomeCredential> {
    const context = this.contexts.from(request, request.body ?? {});
    const current = await this.queryBus.execute(new GetCredentialQuery(context.principal, id));
    const secret = rotationSecretOf(body, getTemplate(current.type));
    const result = await this.commandBus.execute(new RotateSecretCommand(context, id, secret as string | undefined));
    return toGlassdome(replyWith(reply, result));
  }
}
