import { httpAuthTester } from './http-auth.js';
import { text } from './tester.js';

/** api_key: GET extra.base_url with the key in its header (X-API-Key by default). Needs a base URL. */
export const testApiKey = httpAuthTester({
  urlKey: 'base_url',
  headers: (t) => ({ [text(t.extra.header, 'X-API-Key')]: t.secret }),
});
