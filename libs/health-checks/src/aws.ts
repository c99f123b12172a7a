import { safeUrl, sendHttp } from './http-request.js';
import { signSigV4 } from './sigv4.js';
import { TestFailure, text, type Tester } from './tester.js';

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
export const stsEndpoint = (region: string): string => `https://sts.${region}.amazonaws.com/`;

/** aws: STS GetCallerIdentity signed with the access key (any valid key may call it; no permission needed). */
export function awsTester(endpointOf: (region: string) => string = stsEndpoint): Tester {
  return async (target, options) => {
    const region = text(target.extra.region, 'us-east-1');
    const url = endpointOf(region);
    const signed = signSigV4({
      url,
      body: BODY,
      region,
      service: 'sts',
      accessKeyId: target.username ?? '',
      secretAccessKey: target.secret,
      now: new Date(),
    });
    const reply = await sendHttp({ url, method: 'POST', headers: signed, body: BODY, ...options });
    if (reply.status === 200) return;
    const code = /<Code>([^<]*)<\/Code>/.exec(reply.body)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(reply.body)?.[1];
    const reason = [code, message].filter(Boolean).join(': ');
    throw new TestFailure(`AWS refused the access key (HTTP ${reply.status} from ${safeUrl(url)})${reason ? `: ${reason}` : ''}`);
  };
}
