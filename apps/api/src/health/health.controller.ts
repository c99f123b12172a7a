import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { ORM, REDIS } from '#runtime';
import { Public } from '../auth/public.decorator.js';

type Check = { status: 'up' } | { status: 'down'; error: string };
const TIMEOUT_MS = 2000;

const CHECK_SCHEMA = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['up', 'down'] }, error: { type: 'string', description: 'why a dependency is down' } },
  required: ['status'],
};
const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: { type: 'object', properties: { postgres: CHECK_SCHEMA, redis: CHECK_SCHEMA } },
  },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process runs' })
  @ApiOkResponse({
    description: 'the process is running',
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer' })
  @ApiOkResponse({ description: 'Postgres and Redis answer', schema: READINESS_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'a dependency does not answer', schema: READINESS_SCHEMA })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([
      check(() => this.orm.em.fork().execute('select 1')),
      check(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
        await this.redis.ping();
      }),
    ]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    await Promise.race([probe(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : 'unknown error' };
  } finally {
    clearTimeout(timer);
  }
}
