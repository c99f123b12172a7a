import { bearer, httpAuthTester } from './http-auth.js';
import { text, type TestTarget } from './tester.js';

/**
 * kubernetes with a service-account token: GET {server}/api with the token,
 * trusting extra.ca_certificate when set. (A kubeconfig is not parsed: the
 * registry leaves that variant without a check.)
 */
export const testKubernetes = httpAuthTester({
  urlKey: 'server',
  path: 'api',
  headers: (t) => bearer(t.secret),
  ca: (t) => text(t.extra.ca_certificate) || undefined,
});

export const usesKubernetesToken = (target: Pick<TestTarget, 'extra'>): boolean => text(target.extra.auth_method, 'token') === 'token';
