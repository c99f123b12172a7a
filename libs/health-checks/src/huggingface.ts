import { bearer, httpAuthTester } from './http-auth.js';

/** huggingface: GET {endpoint}/api/whoami-v2 (https://huggingface.co by default) with the token as bearer. */
export const testHuggingFace = httpAuthTester({
  urlKey: 'endpoint',
  defaultUrl: 'https://huggingface.co',
  path: 'api/whoami-v2',
  headers: (t) => bearer(t.secret),
});
