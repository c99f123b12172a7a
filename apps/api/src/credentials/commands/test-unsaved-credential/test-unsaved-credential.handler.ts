import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import {
  ACCESS_STREAM_TYPE,
  normalizeCredentialInput,
  principalAccessStreamId,
  validateCredentialInput,
  ValidationError,
  type TestOutcome,
  type UnsavedCredentialTested,
} from '#domain';
import { healthCheckEgress, type EgressPolicy } from '#egress';
import { appendUnversioned, Clock, IdSource } from '#event-store';
import { checkCredential, describeTarget, testerFor, type TestTarget } from '#health-checks';
import { CONFIG, ORM } from '#runtime';
import { TestUnsavedCredentialCommand } from './test-unsaved-credential.command.js';
import type { UnsavedTestResponse } from './test-unsaved-credential.dto.js';

/**
 * Checks a credential that is not saved: validated exactly as a create,
 * normalized the same way, then its type's health check runs at once within
 * KEYLEDGER_HEALTHCHECK_TIMEOUT. Nothing of the credential is stored (no
 * credential, data key, name reservation, read-model row or job); the secret
 * lives in this request only. The attempt is recorded, without the secret,
 * as UnsavedCredentialTested on the actor's access stream, unversioned,
 * before the outcome is returned: a check that cannot be recorded is not
 * answered.
 */
@CommandHandler(TestUnsavedCredentialCommand)
export class TestUnsavedCredentialHandler implements ICommandHandler<TestUnsavedCredentialCommand> {
  private readonly egress: EgressPolicy;

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    this.egress = healthCheckEgress(config.egress);
  }

  async execute({ principal, fields, client }: TestUnsavedCredentialCommand): Promise<UnsavedTestResponse> {
    const issues = validateCredentialInput(fields, { mode: 'create' });
    if (issues.length > 0) throw new ValidationError('the credential is not valid for its template', issues);
    const { credentialType, metadata, secret } = normalizeCredentialInput(fields);
    const target: TestTarget = {
      type: credentialType,
      username: metadata.username,
      host: metadata.host,
      extra: metadata.extra,
      secret: secret!,
    };
    const at = this.clock.now().toISOString();
    const tester = testerFor(target);
    const outcome: TestOutcome = tester
      ? await checkCredential(target, this.config.healthcheckTimeoutMs, tester, this.egress)
      : {
          ok: false,
          durationMs: 0,
          error: `no health check applies to this ${credentialType} credential (it has no URL, or no host and port)`,
        };
    const where = describeTarget(target);
    const event: UnsavedCredentialTested = {
      type: 'UnsavedCredentialTested',
      data: {
        actor: principal.id,
        at,
        credentialType,
        name: metadata.name,
        target: where,
        checked: tester !== undefined,
        ok: outcome.ok,
        durationMs: outcome.durationMs,
        error: outcome.ok ? null : outcome.error,
        clientIp: client.ip,
        userAgent: client.userAgent,
      },
    };
    await appendUnversioned(
      this.orm.em.fork(),
      principalAccessStreamId(principal.id),
      { ...event, eventId: this.ids.uuid() },
      {
        streamType: ACCESS_STREAM_TYPE,
        tenant: principal.tenant,
      },
    );
    return {
      ok: outcome.ok,
      checked: event.data.checked,
      message: event.data.error ?? `the ${credentialType} credential works${where ? ` against ${where}` : ''}`,
      durationMs: outcome.durationMs,
    };
  }
}
