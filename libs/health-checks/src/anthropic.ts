import { httpAuthTester } from './http-auth.js';

/** anthropic: GET {base_url}/v1/models (https://api.anthropic.com by default) with `x-api-key`. */
export const testAnthropic = httpAuthTester({
  urlKey: 'base_url',
  defaultUrl: 'https://api.anthropic.com',
  path: 'v1/models',
  headers: (t) => ({ 'x-api-key': t.secret, 'anthropic-version': '2023-06-01' }),
});
