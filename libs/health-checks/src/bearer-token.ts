import { httpAuthTester } from './http-auth.js';
import { text } from './tester.js';

/** bearer_token: GET extra.url (or extra.api_url) with `<header>: <scheme> <token>` (Authorization: Bearer by default). */
export const testBearerToken = httpAuthTester({
  urlKey: 'url',
  headers: (t) => {
    const scheme = typeof t.extra.scheme === 'string' ? t.extra.scheme : 'Bearer';
    return { [text(t.extra.header, 'Authorization')]: scheme ? `${scheme} ${t.secret}` : t.secret };
  },
});
