import { settingOf } from '#domain';
import { expectAccepted, joinUrl } from './http-request.js';
import { TestFailure, text, type TestTarget, type Tester } from './tester.js';

export interface HttpAuthCheck {
  /** The extra setting that holds the URL (a base URL when `path` is set), read through its aliases; none: always `defaultUrl`. */
  urlKey?: string;
  /** Used when the setting is empty; without one the setting is required. */
  defaultUrl?: string;
  /** Appended to the URL: the provider's usual "who am I" endpoint. */
  path?: string | ((target: TestTarget) => string);
  /** The headers that carry the credential. */
  headers(target: TestTarget): Record<string, string>;
  /** PEM of a CA to trust instead of the system store. */
  ca?(target: TestTarget): string | undefined;
}

/** A GET that only a valid credential gets a 2xx (or redirect) for. */
export function httpAuthTester(check: HttpAuthCheck): Tester {
  return async (target, options) => {
    const base = text(check.urlKey && settingOf(target.type, target.extra, check.urlKey), check.defaultUrl ?? '');
    if (!base) throw new TestFailure(`no URL to test against (extra.${check.urlKey})`);
    const path = typeof check.path === 'function' ? check.path(target) : check.path;
    const url = path ? joinUrl(base, path) : base;
    await expectAccepted({ url, headers: check.headers(target), ca: check.ca?.(target), ...options });
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
