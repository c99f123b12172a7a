import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KeyledgerConfig } from '#config';
import { configureApi, fastifyAdapter } from '../../apps/api/src/app.factory.js';
import { AppModule, type ApiOptions } from '../../apps/api/src/app.module.js';
import { BootstrapPrincipalResolver } from '../../apps/api/src/auth/bootstrap-principal.resolver.js';
import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from '../../apps/api/src/auth/principal.js';

/** Test tokens for principals of any role, on top of the bootstrap admin. Tests only. */
class TestPrincipalResolver implements PrincipalResolver {
  constructor(
    private readonly bootstrap: PrincipalResolver,
    private readonly principals: Readonly<Record<string, Principal>>,
  ) {}

  async resolve(token: string): Promise<Principal | null> {
    return Object.hasOwn(this.principals, token) ? this.principals[token]! : this.bootstrap.resolve(token);
  }
}

/** The API of createApi with PRINCIPAL_RESOLVER overridden to also know `principals` (token -> principal). */
export async function createApiWithPrincipals(
  config: KeyledgerConfig,
  principals: Readonly<Record<string, Principal>>,
  options: ApiOptions,
): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config, options)] })
    .overrideProvider(PRINCIPAL_RESOLVER)
    .useValue(new TestPrincipalResolver(new BootstrapPrincipalResolver(config), principals))
    .compile();
  return configureApi(moduleRef.createNestApplication<NestFastifyApplication>(fastifyAdapter(config), { bufferLogs: true }));
}
