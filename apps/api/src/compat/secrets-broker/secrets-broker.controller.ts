import { Body, Controller, Delete, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CredentialRoute } from '../../access/credential-route.decorator.js';
import type { AuthenticatedRequest } from '../../auth/bearer-auth.guard.js';
import { Roles } from '../../auth/roles.decorator.js';
import { TokenHeader } from '../../auth/token-header.decorator.js';
import { RevealSecretCommand, type ClientInfo } from '../../credentials/commands/reveal-secret/reveal-secret.command.js';
import { CommandContextFactory, replyStatus } from '../../http/command-context.js';
import { brokerExtraOf } from './broker-fields.js';
import { BrokerErrorFilter } from './broker-error.filter.js';
import { SecretsBrokerCommands } from './secrets-broker.commands.js';
import {
  BrokerCredentialKeyDto,
  BrokerUpsertDto,
  type BrokerDeleteAnswer,
  type BrokerLookupAnswer,
  type BrokerUpsertAnswer,
} from './secrets-broker.dto.js';

/**
 * The secrets broker's internal routes, for its existing clients: the same
 * paths, bodies and answers, authenticated by a Keyledger token sent as
 * X-Internal-Key. Each route translates to the /v1 command or read it stands
 * for, and the answer back; the rules, records and storage are /v1's.
 */
@ApiTags('secrets-broker')
@ApiHeader({ name: 'X-Internal-Key', required: true, description: 'a Keyledger token' })
@TokenHeader('x-internal-key')
@UseFilters(BrokerErrorFilter)
@Controller('internal/secrets')
export class SecretsBrokerController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly commands: SecretsBrokerCommands,
  ) {}

  @Post('credential-upsert')
  @Roles('admin', 'operator', 'service')
  @CredentialRoute('change')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create the credential of (host, purpose), or rotate the secret of the active one and update its fields' })
  @ApiOkResponse({
    description: 'the credential written',
    schema: brokerSchema({ success: 'boolean', credential_id: 'string', host: 'string', purpose: 'string' }),
  })
  async upsert(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: BrokerUpsertDto,
  ): Promise<BrokerUpsertAnswer> {
    const result = await this.commands.upsert(this.contexts.from(request, request.body), body);
    const credential = replyStatus(reply, { ...result, statusCode: 200 });
    return { success: true, credential_id: credential.id, host: credential.host ?? body.host, purpose: credential.purpose ?? body.purpose };
  }

  @Post('credential-lookup')
  @Roles('admin', 'service')
  @CredentialRoute('lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return the active credential of (host, purpose) with its password; recorded as a lookup' })
  @ApiOkResponse({
    description: 'the credential with its password',
    schema: brokerSchema({
      host: 'string',
      purpose: 'string',
      username: 'string',
      password: 'string',
      domain: 'string',
      additional_data: 'object',
    }),
  })
  async lookup(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() { host, purpose }: BrokerCredentialKeyDto,
  ): Promise<BrokerLookupAnswer> {
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const client: ClientInfo = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
    const revealed = await this.commandBus.execute(new RevealSecretCommand(request.principal!, { host, purpose }, 'lookup', client));
    return { host, purpose, username: revealed.username, password: revealed.secret, ...brokerExtraOf(revealed.extra) };
  }

  @Delete('credential-delete')
  @Roles('admin', 'operator', 'service')
  @CredentialRoute('deactivate')
  @ApiOperation({ summary: 'Deactivate the active credential of (host, purpose); it can be restored through /v1' })
  @ApiOkResponse({
    description: 'the credential deactivated',
    schema: brokerSchema({ success: 'boolean', host: 'string', purpose: 'string' }),
  })
  async delete(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() key: BrokerCredentialKeyDto,
  ): Promise<BrokerDeleteAnswer> {
    const result = await this.commands.deactivate(this.contexts.from(request), key);
    replyStatus(reply, result);
    return { success: true, host: key.host, purpose: key.purpose };
  }
}

function brokerSchema(fields: Record<string, 'string' | 'boolean' | 'object'>) {
  return { type: 'object', properties: Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, { type }])) };
}
