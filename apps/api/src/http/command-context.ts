import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { canonicalJson } from '#event-store';
import { keyedFingerprint, type KeyProvider } from '#crypto';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { IdempotencyRequest, StoredResponse } from './idempotency.js';
import type { CredentialResponse } from '../credentials/credential.response.js';
import { KEY_PROVIDER } from '#runtime';
import { etagOf, parseIfMatch } from './etag.js';
import { parseIdempotencyKey } from './idempotency-key.js';

export interface CommandContext {
  principal: Principal;
  ifMatch?: number;
  idempotency?: IdempotencyRequest;
}

/** Reads the command headers (If-Match, Idempotency-Key) of a request. */
@Injectable()
export class CommandContextFactory {
  private readonly fingerprintKey: Buffer;

  constructor(@Inject(KEY_PROVIDER) keys: KeyProvider) {
    this.fingerprintKey = keys.deriveKey('idempotency-fingerprint');
  }

  from(request: AuthenticatedRequest, body: unknown = {}): CommandContext {
    const principal = request.principal!;
    const ifMatch = parseIfMatch(request.headers['if-match']);
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    if (key === undefined) return { principal, ifMatch };
    const fingerprint = keyedFingerprint(
      this.fingerprintKey,
      canonicalJson({ principal: principal.id, method: request.method, url: request.url, body: body ?? {} }),
    );
    return { principal, ifMatch, idempotency: { key, fingerprint } };
  }
}

/** Status, ETag and replay marker of a credential command's response. */
export function replyWith(reply: FastifyReply, result: StoredResponse<CredentialResponse>): CredentialResponse {
  void reply.header('etag', etagOf(result.body.version));
  return replyStatus(reply, result);
}

/** Status and replay marker of a command's response, whatever its body. */
export function replyStatus<T>(reply: FastifyReply, result: StoredResponse<T>): T {
  void reply.status(result.statusCode);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}
