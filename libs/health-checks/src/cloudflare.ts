import { bearer, httpAuthTester } from './http-auth.js';
import { text, type Tester } from './tester.js';

export const CLOUDFLARE_API = 'https://api.cloudflare.com/client/v4';

/**
 * cloudflare: an API token is checked at /user/tokens/verify (bearer); the
 * global API key with its account email at /user (X-Auth-Email, X-Auth-Key).
 */
export function cloudflareTester(baseUrl = CLOUDFLARE_API): Tester {
  const globalKey = (extra: Readonly<Record<string, unknown>>) => text(extra.auth_method, 'api_token') === 'global_api_key';
  return httpAuthTester({
    defaultUrl: baseUrl,
    path: (t) => (globalKey(t.extra) ? 'user' : 'user/tokens/verify'),
    headers: (t) => (globalKey(t.extra) ? { 'x-auth-email': t.username ?? '', 'x-auth-key': t.secret } : bearer(t.secret)),
  });
}
