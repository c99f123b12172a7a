import { expectAccepted, joinUrl } from './http-request.js';
import { TestFailure, text, type Tester } from './tester.js';

export const NAMECHEAP_API = { live: 'https://api.namecheap.com', sandbox: 'https://api.sandbox.namecheap.com' };

/**
 * namecheap: `namecheap.users.getBalances` with the API user, key and
 * whitelisted client IP. Namecheap answers 200 either way; the XML status
 * tells. The key travels in the query string, which no message repeats.
 */
export function namecheapTester(hosts = NAMECHEAP_API): Tester {
  return async (target, options) => {
    const user = target.username ?? '';
    const query = new URLSearchParams({
      ApiUser: user,
      ApiKey: target.secret,
      UserName: user,
      ClientIp: text(target.extra.client_ip),
      Command: 'namecheap.users.getBalances',
    });
    const base = target.extra.sandbox === true ? hosts.sandbox : hosts.live;
    const reply = await expectAccepted({ url: `${joinUrl(base, 'xml.response')}?${query.toString()}`, ...options });
    if (/<ApiResponse[^>]*Status="OK"/i.test(reply.body)) return;
    const error = /<Error[^>]*>([^<]*)<\/Error>/i.exec(reply.body)?.[1]?.trim();
    throw new TestFailure(`Namecheap refused the request: ${error || 'no reason given'}`);
  };
}
