import { Catch, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { KeyledgerError } from '#domain';
import { ErrorFilter } from '../../http/error.filter.js';
import { Metrics } from '../../metrics/metrics.js';

/**
 * The broker's error answers where it documents them: a missing credential
 * (or one the caller may not see) is 404 `{"reason": "not_found"}`, and a
 * missing or wrong X-Internal-Key is 403 (as is a role the route does not
 * allow), with `{"reason": "forbidden"}` and nothing more. Every other error
 * keeps Keyledger's body.
 */
@Catch()
@Injectable()
export class BrokerErrorFilter implements ExceptionFilter {
  private readonly fallback: ErrorFilter;

  constructor(private readonly metrics: Metrics) {
    this.fallback = new ErrorFilter(metrics);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const answer = brokerAnswer(exception);
    if (!answer) return this.fallback.catch(exception, host);
    this.metrics.observeError((exception as KeyledgerError).code);
    void host.switchToHttp().getResponse<FastifyReply>().status(answer.status).send({ reason: answer.reason });
  }
}

function brokerAnswer(exception: unknown): { status: number; reason: string } | null {
  if (!(exception instanceof KeyledgerError)) return null;
  if (exception.code === 'NOT_FOUND') return { status: 404, reason: 'not_found' };
  if (exception.code === 'UNAUTHENTICATED' || exception.code === 'FORBIDDEN') return { status: 403, reason: 'forbidden' };
  return null;
}
