import { bearer, httpAuthTester } from './http-auth.js';
import { text } from './tester.js';

/** openai: GET {base_url}/models (https://api.openai.com/v1 by default) with the key as bearer token. */
export const testOpenAi = httpAuthTester({
  urlKey: 'base_url',
  defaultUrl: 'https://api.openai.com/v1',
  path: 'models',
  headers: (t) => ({
    ...bearer(t.secret),
    ...(text(t.extra.organization) ? { 'openai-organization': text(t.extra.organization) } : {}),
    ...(text(t.extra.project) ? { 'openai-project': text(t.extra.project) } : {}),
  }),
});
