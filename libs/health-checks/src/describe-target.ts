import { safeUrl } from './http-request.js';
import type { TesterInput } from './registry.js';
import { endpointOf, text } from './tester.js';

/** Settings that hold the URL an HTTP tester calls, in the order they are looked for. */
const URL_SETTINGS = ['url', 'base_url', 'api_url', 'endpoint'] as const;

/**
 * Where a check of this credential goes, fit for a log line or an audit
 * entry: `host:port`, a URL without user info, query or fragment, or the
 * bare host; null when the settings name no target (a provider's fixed API).
 */
export function describeTarget(input: TesterInput): string | null {
  const endpoint = endpointOf(input);
  if (endpoint) return `${endpoint.host}:${endpoint.port}`;
  for (const key of URL_SETTINGS) {
    const url = text(input.extra[key]);
    if (url !== '') return safeUrl(url);
  }
  return input.host && input.host !== '' ? input.host : null;
}
