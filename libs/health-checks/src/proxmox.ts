import { expectAccepted, formPost } from './http-request.js';
import { endpointOf, TestFailure, text, type Tester } from './tester.js';

/**
 * proxmox: with an API token, GET /api2/json/version with
 * `Authorization: PVEAPIToken=user@realm!tokenid=secret`; with a password,
 * a ticket login (POST /api2/json/access/ticket). HTTPS on host:port,
 * certificate checked unless extra.verify_tls is false.
 */
export const testProxmox: Tester = async (target, options) => {
  const endpoint = endpointOf(target, 8006);
  if (!endpoint) throw new TestFailure('no host to connect to');
  const base = `https://${endpoint.host}:${endpoint.port}/api2/json`;
  // A user given with its realm (root@pam) names it; the realm setting completes a bare one.
  const user = target.username ?? '';
  const userId = user.includes('@') ? user : `${user}@${text(target.extra.realm, 'pam')}`;
  const verifyTls = target.extra.verify_tls !== false;
  if (text(target.extra.auth_method, 'api_token') === 'password') {
    const login = formPost(`${base}/access/ticket`, { username: userId, password: target.secret });
    await expectAccepted({ ...login, verifyTls, ...options });
    return;
  }
  const authorization = `PVEAPIToken=${userId}!${text(target.extra.token_name)}=${target.secret}`;
  await expectAccepted({ url: `${base}/version`, headers: { authorization }, verifyTls, ...options });
};
