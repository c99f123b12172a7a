import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { findHostPurposeHolder } from '#credential-store';
import { KeyledgerError } from '#domain';
import { IdSource } from '#event-store';
import { ORM } from '#runtime';
import { Vault } from '#secrets';
import type { CommandContext } from '../../http/command-context.js';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credentials/credential-command.runner.js';
import { ChangeStatusCommand } from '../../credentials/commands/change-status/change-status.command.js';
import { RegisterCredentialCommand } from '../../credentials/commands/register-credential/register-credential.command.js';
import { buildUpdate } from '../../credentials/commands/update-credential/credential-update.js';
import { brokerCredentialName, createFields, updateFields } from './broker-fields.js';
import type { BrokerCredentialKeyDto, BrokerUpsertDto } from './secrets-broker.dto.js';

/**
 * The broker's writes as Keyledger commands, through the same runner, access
 * policy, validation, idempotency and events as /v1: an upsert is a create
 * (POST /v1/credentials) or, when an active credential holds (host, purpose),
 * a PUT of its secret and non-secret fields; a delete deactivates the holder.
 */
@Injectable()
export class SecretsBrokerCommands {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly runner: CredentialCommandRunner,
    private readonly vault: Vault,
    private readonly ids: IdSource,
    @Inject(ORM) private readonly orm: MikroORM,
  ) {}

  /**
   * Creates the pair's credential, or rotates the one that holds it. An
   * upsert states no precondition, so a race lost to another writer of the
   * pair is not the caller's conflict: a create that finds the pair taken
   * meanwhile updates its new holder, and an update re-decides on a fresh
   * read (the command handler's bounded retry), so every write is kept as
   * the next version.
   */
  async upsert(context: CommandContext, body: BrokerUpsertDto): Promise<CredentialCommandResult> {
    const holder = await this.holderOf(context, body);
    if (holder !== null) return this.update(context, holder, body);
    try {
      return await this.create(context, body);
    } catch (error) {
      if (!(error instanceof KeyledgerError) || error.code !== 'DUPLICATE_HOST_PURPOSE') throw error;
      const winner = await this.holderOf(context, body);
      if (winner === null) throw error;
      return this.update(context, winner, body);
    }
  }

  async deactivate(context: CommandContext, key: BrokerCredentialKeyDto): Promise<CredentialCommandResult> {
    const holder = await this.holderOf(context, key);
    if (holder === null) throw new KeyledgerError('NOT_FOUND', `no active credential for host "${key.host}" and purpose "${key.purpose}"`);
    return this.commandBus.execute(new ChangeStatusCommand(context, holder, 'DeactivateCredential'));
  }

  private holderOf(context: CommandContext, { host, purpose }: BrokerCredentialKeyDto): Promise<string | null> {
    return findHostPurposeHolder(this.orm.em.fork(), context.principal.tenant, { host, purpose });
  }

  /** A new credential named `<purpose> on <host>`; if another credential has that name, the name gets a short suffix. */
  private async create(context: CommandContext, body: BrokerUpsertDto): Promise<CredentialCommandResult> {
    const register = (name: string) => this.commandBus.execute(new RegisterCredentialCommand(context, createFields(body, name)));
    try {
      return await register(brokerCredentialName(body.host, body.purpose));
    } catch (error) {
      if (!(error instanceof KeyledgerError) || error.code !== 'DUPLICATE_NAME') throw error;
      return register(brokerCredentialName(body.host, body.purpose, this.ids.uuid().slice(0, 8)));
    }
  }

  private update(context: CommandContext, credentialId: string, body: BrokerUpsertDto): Promise<CredentialCommandResult> {
    return this.runner.run({
      ...context,
      credentialId,
      action: 'change',
      successStatus: 200,
      redecideOnConflict: true,
      build: (state, { tx, metadata }) =>
        buildUpdate(tx, this.vault, state, metadata, { credentialId, fields: updateFields(state, body), mode: 'put' }),
    });
  }
}
