import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CredentialRoute } from '../../access/credential-route.decorator.js';
import type { AuthenticatedRequest } from '../../auth/bearer-auth.guard.js';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { ANY_ROLE, Roles } from '../../auth/roles.decorator.js';
import { ChangeStatusCommand } from '../../credentials/commands/change-status/change-status.command.js';
import { RegisterCredentialCommand } from '../../credentials/commands/register-credential/register-credential.command.js';
import { UpdateCredentialCommand } from '../../credentials/commands/update-credential/update-credential.command.js';
import { credentialFieldsOf } from '../../credentials/credential-fields.js';
import { GetCredentialQuery } from '../../credentials/queries/get-credential/get-credential.query.js';
import { ListCredentialsQuery } from '../../credentials/queries/list-credentials/list-credentials.query.js';
import { CommandContextFactory, replyWith } from '../../http/command-context.js';
import { etagOf } from '../../http/etag.js';
import { SEED_CREDENTIALS_PATH } from '../shared/seed-routes.js';
import { toZainOne } from './zainone-shape.js';
import { ZainOneCreateDto, ZainOneCredential, ZainOneCredentialList, ZainOneListQueryDto, ZainOneUpdateDto } from './zainone.dto.js';

/** The most a list page holds on /v1; ZainOne's list is read page by page and answered whole. */
const PAGE = 200;

/**
 * ZainOne's /api/credentials, for its existing clients: the same paths,
 * bodies and answer shape, with a Keyledger bearer token. Each route sends
 * the /v1 command or query it stands for (create, PUT, deactivate, get,
 * list), so roles, grants, tenants, validation, Idempotency-Key, If-Match,
 * events and the audit trail are /v1's. Errors keep Keyledger's body.
 */
@ApiTags('zainone')
@ApiBearerAuth()
@Controller(SEED_CREDENTIALS_PATH)
export class ZainOneController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('admin', 'operator')
  @CredentialRoute('create')
  @ApiOperation({ summary: 'Create a credential (ZainOne body); the answer never holds the secret' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ZainOneCredential })
  async create(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: ZainOneCreateDto,
  ): Promise<ZainOneCredential> {
    const context = this.contexts.from(request, request.body);
    const result = await this.commandBus.execute(new RegisterCredentialCommand(context, credentialFieldsOf(body)));
    void reply.header('location', `/${SEED_CREDENTIALS_PATH}/${result.body.id}`);
    return toZainOne(replyWith(reply, result));
  }

  @Get()
  @Roles(...ANY_ROLE)
  @CredentialRoute('read')
  @ApiOperation({ summary: 'List the credentials the caller may see, oldest first, without secrets' })
  @ApiOkResponse({ type: ZainOneCredentialList })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ZainOneListQueryDto): Promise<ZainOneCredentialList> {
    const credentials: ZainOneCredential[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.queryBus.execute(
        new ListCredentialsQuery(principal, { active_only: query.active_only, limit: PAGE, cursor }),
      );
      credentials.push(...page.credentials.map(toZainOne));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return { credentials, total: credentials.length };
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @CredentialRoute('read')
  @ApiOperation({ summary: 'One credential, without its secret' })
  @ApiOkResponse({ type: ZainOneCredential })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ZainOneCredential> {
    const credential = await this.queryBus.execute(new GetCredentialQuery(principal, id));
    void reply.header('etag', etagOf(credential.version));
    return toZainOne(credential);
  }

  @Put(':id')
  @Roles('admin', 'operator', 'service')
  @CredentialRoute('change')
  @ApiOperation({ summary: 'Update the fields sent; a secret rotates it (a new secret version)' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ZainOneCredential })
  async update(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ZainOneUpdateDto,
  ): Promise<ZainOneCredential> {
    const context = this.contexts.from(request, request.body ?? {});
    const result = await this.commandBus.execute(new UpdateCredentialCommand(context, id, credentialFieldsOf(body), 'put'));
    return toZainOne(replyWith(reply, result));
  }

  @Delete(':id')
  @Roles('admin', 'operator', 'service')
  @CredentialRoute('deactivate')
  @ApiOperation({ summary: 'Deactivate (restorable through POST /v1/credentials/{id}/restore)' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ZainOneCredential, description: 'the credential, is_active false' })
  async deactivate(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ZainOneCredential> {
    const result = await this.commandBus.execute(new ChangeStatusCommand(this.contexts.from(request), id, 'DeactivateCredential'));
    return toZainOne(replyWith(reply, result));
  }
}
