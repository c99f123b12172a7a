import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './signature.js';

const secret = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCD';
const body = '{"id":"e1","type":"credential.expired"}';

describe('webhook signatures', () => {
  it('are t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verify for the right secret and body within the tolerance only', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifySignature(header, body, secret, 1_700_000_100)).toBe(true);
    expect(verifySignature(header, `${body} `, secret, 1_700_000_100)).toBe(false);
    expect(verifySignature(header, body, `${secret}x`, 1_700_000_100)).toBe(false);
    expect(verifySignature(header, body, secret, 1_700_000_301)).toBe(false);
    expect(verifySignature(header.replace('t=1700000000', 't=1700000200'), body, secret, 1_700_000_200)).toBe(false);
    expect(verifySignature('v1=abc', body, secret, 1_700_000_000)).toBe(false);
  });
});
