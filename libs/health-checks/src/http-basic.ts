import { httpAuthTester } from './http-auth.js';

/** http_basic: GET extra.url (or extra.base_url) with `Authorization: Basic`. */
export const testHttpBasic = httpAuthTester({
  urlKey: 'url',
  headers: (t) => ({ authorization: `Basic ${Buffer.from(`${t.username ?? ''}:${t.secret}`).toString('base64')}` }),
});
