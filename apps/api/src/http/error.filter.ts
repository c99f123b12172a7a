import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DecryptionFailed } from '#crypto';
import { KeyledgerError, UnavailableError, type ErrorCode } from '#domain';
import { BODY_LIMIT_BYTES } from './request-input.js';
import { isConnectionFailure, RETRY_AFTER_SECONDS } from './unavailable.js';

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
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  DECRYPTION_FAILED: 500,
};

/** The code of an HTTP exception raised by the framework (unknown route, a Nest pipe), by its status. */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

const UNSUPPORTED_MEDIA_TYPE = 'send request bodies as application/json';
const PAYLOAD_TOO_LARGE = `request body exceeds the limit of ${BODY_LIMIT_BYTES} bytes`;

/** The framework's refusals of a body (raised as HTTP exceptions), worded without the header or body that caused them. */
const FRAMEWORK_MESSAGES: Partial<Record<number, string>> = { 413: PAYLOAD_TOO_LARGE, 415: UNSUPPORTED_MEDIA_TYPE };

/** Fastify's own refusals, likewise. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_TYPE: UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_BODY_TOO_LARGE: PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request body must not be empty when a content type is sent',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content-length does not match the body',
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
    this.answer(exception, host.switchToHttp().getResponse<FastifyReply>());
  }

  /** Answers `exception` on `reply`; also for Fastify scopes Nest's filters do not reach (the queue dashboard). */
  answer(exception: unknown, reply: FastifyReply): void {
    const body = this.bodyOf(exception);
    this.metrics?.observeError(codeOf(exception, body.statusCode));
    // Only the driver's code: a driver message may quote the statement and its values.
    if (body.statusCode === 503) this.logger.warn({ code: driverCodeOf(exception) }, 'backing service unavailable');
    else if (body.statusCode >= 500) this.logger.error({ err: exception }, 'request failed');
    if (body.statusCode === 401) void reply.header('www-authenticate', 'Bearer realm="keyledger"');
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if ((body.statusCode === 429 || body.statusCode === 503) && typeof retryAfter === 'number') {
      void reply.header('retry-after', String(retryAfter));
    }
    void reply.status(body.statusCode).send(body);
  }

  /** The body `exception` answers with. */
  bodyOf(exception: unknown): ErrorBody {
    if (!(exception instanceof KeyledgerError) && isConnectionFailure(exception)) {
      return this.bodyOf(new UnavailableError(RETRY_AFTER_SECONDS));
    }
    if (exception instanceof KeyledgerError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      const message = statusCode >= 500 ? 'internal error' : exception.message;
      return withDetails({ statusCode, error: reasonPhrase(statusCode), message, code: exception.code }, exception.details);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const code = CODE_BY_STATUS[statusCode];
      // The router's 404 quotes the request line, query string included.
      const raw = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      const message = statusCode === 404 && raw.startsWith('Cannot ') ? 'no such route' : (FRAMEWORK_MESSAGES[statusCode] ?? raw);
      const body = withDetails({ statusCode, error: reasonPhrase(statusCode), message }, (response as { details?: unknown }).details);
      return code ? { ...body, code } : body;
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const fastifyCode = String((exception as { code?: unknown }).code);
      const message = FASTIFY_MESSAGES[fastifyCode] ?? reasonPhrase(fastifyStatus).toLowerCase();
      const code = CODE_BY_STATUS[fastifyStatus];
      return { statusCode: fastifyStatus, error: reasonPhrase(fastifyStatus), message, ...(code ? { code } : {}) };
    }
    return { statusCode: 500, error: reasonPhrase(500), message: 'internal error' };
  }
}

/** The stable code of a failure, for metrics: a KeyledgerError's or DecryptionFailed's own, else by status. */
function codeOf(exception: unknown, statusCode: number): string {
  const code = (exception as { code?: unknown } | null)?.code;
  if (exception instanceof KeyledgerError || exception instanceof DecryptionFailed) return code as string;
  if (statusCode === 503) return 'UNAVAILABLE';
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

function driverCodeOf(exception: unknown): string | undefined {
  const { code, name } = (exception ?? {}) as { code?: unknown; name?: unknown };
  return typeof code === 'string' ? code : typeof name === 'string' ? name : undefined;
}
