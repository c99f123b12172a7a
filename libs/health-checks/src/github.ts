import { bearer, httpAuthTester } from './http-auth.js';

/** github: GET {api_url}/user (https://api.github.com by default) with the token as bearer. */
export const testGitHub = httpAuthTester({
  urlKey: 'api_url',
  defaultUrl: 'https://api.github.com',
  path: 'user',
  headers: (t) => ({ ...bearer(t.secret), accept: 'application/vnd.github+json' }),
});
