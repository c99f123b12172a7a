import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { retry, throwError, timer, type Observable } from 'rxjs';
import { isConnectionFailure } from './unavailable.js';

/**
 * A read (GET, HEAD) that lost its database or Redis connection runs once more:
 * the pool has dropped the broken connection, so the second run gets a fresh
 * one. A read changes nothing, so running it twice is safe; a write is never
 * repeated here (it has its idempotency key and the client's retry for that).
 * If the second run fails too, the error filter answers 503 with Retry-After.
 */
@Injectable()
export class ReadRetryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { method } = context.switchToHttp().getRequest<FastifyRequest>();
    if (method !== 'GET' && method !== 'HEAD') return next.handle();
    return next
      .handle()
      .pipe(retry({ count: 1, delay: (error: unknown) => (isConnectionFailure(error) ? timer(RETRY_DELAY_MS) : throwError(() => error)) }));
  }
}

/** Long enough for the pool to notice the dead connection, short against a client's timeout. */
const RETRY_DELAY_MS = 50;
