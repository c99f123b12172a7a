import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DecryptionFailed } from '#crypto';
import { KeyledgerError, type ErrorCode } from '#domain';

/** The HTTP status of each error code (the OpenAPI document lists them from here too). */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CREDENTIAL_INACTIVE: 409,
  CREDENTIAL_DESTROYED: 409,
  CREDENTIAL_EXPIRED: 409,
  INVALID_STATE: 409,
  DUPLICATE_NAME: 409,
  DUPLICATE_HOST_PURPOSE: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_FLIGHT: 409,
  PRECONDITION_FAILED: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  DECRYPTION_FAILED: 500,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
}

/**
 * The one place errors become HTTP responses, always `{statusCode, error,
 * message, code?, details?}`. Unknown errors answer a generic 500: their
 * messages (driver errors, stack traces) never reach the client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(private readonly metrics?: { observeError(code: string): void }) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    this.metrics?.observeError(codeOf(exception, body.statusCode));
    if (body.statusCode >= 500) this.logger.error({ err: exception }, 'request failed');
    if (body.statusCode === 401) void reply.header('www-authenticate', 'Bearer realm="keyledger"');
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof KeyledgerError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      const message = statusCode >= 500 ? 'internal error' : exception.message;
      return withDetails({ statusCode, error: reasonPhrase(statusCode), message, code: exception.code }, exception.details);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return withDetails({ statusCode, error: reasonPhrase(statusCode), message }, (response as { details?: unknown }).details);
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { statusCode: fastifyStatus, error: reasonPhrase(fastifyStatus), message: (exception as Error).message };
    }
    return { statusCode: 500, error: reasonPhrase(500), message: 'internal error' };
  }
}

/** The stable code of a failure, for metrics: a KeyledgerError's or DecryptionFailed's own, else by status. */
function codeOf(exception: unknown, statusCode: number): string {
  const code = (exception as { code?: unknown } | null)?.code;
  if (exception instanceof KeyledgerError || exception instanceof DecryptionFailed) return code as string;
  return statusCode >= 500 ? 'INTERNAL' : `HTTP_${statusCode}`;
}

function withDetails(body: ErrorBody, details: unknown): ErrorBody {
  return details === undefined ? body : { ...body, details };
}

/** `Not Found` for 404: the `error` field of the body. */
export function reasonPhrase(statusCode: number): string {
  const name = HttpStatus[statusCode];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
