import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, PrincipalResolver } from '../auth/principal.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const BASIC = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i;

/**
 * The token in `Authorization`: a Bearer token, or the password of HTTP Basic
 * (any user name), so a browser can open the dashboard with its login prompt.
 */
export function tokenOf(authorization: string | undefined): string | null {
  const bearer = BEARER.exec(authorization ?? '');
  if (bearer) return bearer[1]!;
  const basic = BASIC.exec(authorization ?? '');
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

/** Who may open the dashboard: it shows every tenant's jobs, so admins of the installation's own tenant only. */
export function mayOpenDashboard(principal: Principal, operatorTenant: string): boolean {
  return principal.role === 'admin' && principal.tenant === operatorTenant;
}

/**
 * onRequest hook of the dashboard's routes, which are a Fastify plugin
 * outside Nest's guards: 401 (with a Basic challenge) without a valid token,
 * 403 for anyone who may not open it.
 */
export function adminGate(resolver: PrincipalResolver, operatorTenant: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = tokenOf(request.headers.authorization);
    const principal = token === null ? null : await resolver.resolve(token);
    if (!principal) {
      const body = { statusCode: 401, error: 'Unauthorized', message: 'send an admin token as Bearer, or as the password of HTTP Basic' };
      await reply.code(401).header('www-authenticate', 'Basic realm="keyledger"').send(body);
      return;
    }
    if (!mayOpenDashboard(principal, operatorTenant)) {
      await reply
        .code(403)
        .send({ statusCode: 403, error: 'Forbidden', message: `the queue dashboard is for admins of tenant ${operatorTenant}` });
    }
  };
}
