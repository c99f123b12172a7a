import { ApiExtension, ApiProperty, ApiPropertyOptional, type OpenAPIObject } from '@nestjs/swagger';
import type { ErrorCode } from '#domain';
import { reasonPhrase, STATUS_BY_CODE } from './error.filter.js';

/** The error body every /v1 route answers with (see ErrorFilter). */
export class ErrorResponse {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiProperty({ example: 'no credential 3f0c…' })
  message!: string;

  @ApiPropertyOptional({ enum: Object.keys(STATUS_BY_CODE), description: 'stable, machine-readable cause' })
  code?: ErrorCode;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'what failed, e.g. the fields of a VALIDATION_FAILED with their reasons; never a submitted value',
  })
  details?: Record<string, unknown>;
}

const ERRORS_EXTENSION = 'x-keyledger-errors';

/**
 * The error codes an operation answers besides those every operation of its
 * kind answers (see documentErrors); declared on the handler, e.g.
 * `@ApiErrors('DUPLICATE_NAME', 'DUPLICATE_HOST_PURPOSE')`.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return ApiExtension(ERRORS_EXTENSION, codes);
}

// Routes whose errors keep the body of the system they stand in for.
const OWN_ERROR_BODIES = ['/internal/secrets/'];

interface Operation {
  security?: unknown[];
  requestBody?: unknown;
  parameters?: { in?: string; name?: string }[];
  responses?: Record<string, unknown>;
  [ERRORS_EXTENSION]?: ErrorCode[];
}

/**
 * Adds to every operation the error answers it can give, each with the error
 * body schema and its list of codes: the ones the operation declares with
 * @ApiErrors, and those that follow from its shape (a token: 401 and 403;
 * parameters or a body: 400; an id in the path: 404; Idempotency-Key: the
 * key's 409 and 422; If-Match: 412).
 */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const codes = new Set<ErrorCode>(operation[ERRORS_EXTENSION] ?? []);
      delete operation[ERRORS_EXTENSION];
      if (OWN_ERROR_BODIES.some((prefix) => path.startsWith(prefix))) continue;
      for (const code of impliedCodes(path, operation)) codes.add(code);
      addErrorResponses(operation, [...codes]);
    }
  }
  return document;
}

function impliedCodes(path: string, operation: Operation): ErrorCode[] {
  const codes: ErrorCode[] = [];
  const parameters = operation.parameters ?? [];
  const header = (name: string) => parameters.some((p) => p.in === 'header' && p.name?.toLowerCase() === name.toLowerCase());
  if ((operation.security ?? []).length > 0) codes.push('UNAUTHENTICATED', 'FORBIDDEN');
  if (operation.requestBody || parameters.some((p) => p.in === 'path' || p.in === 'query')) codes.push('VALIDATION_FAILED');
  if (path.includes('{')) codes.push('NOT_FOUND');
  if (header('Idempotency-Key')) codes.push('IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED');
  if (header('If-Match')) codes.push('PRECONDITION_FAILED');
  return codes;
}

function addErrorResponses(operation: Operation, codes: ErrorCode[]): void {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(STATUS_BY_CODE[code], [...(byStatus.get(STATUS_BY_CODE[code]) ?? []), code]);
  const responses = (operation.responses ??= {});
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    list.sort();
    responses[String(status)] = {
      description: `${reasonPhrase(status)}: ${list.join(', ')}`,
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/ErrorResponse' },
              { type: 'object', properties: { code: { type: 'string', enum: list } } },
            ],
          },
        },
      },
    };
  }
}
