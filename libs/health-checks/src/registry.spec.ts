import { testApiKey } from './api-key.js';
import { testBearerToken } from './bearer-token.js';
import { testHttpBasic } from './http-basic.js';
import { testPostgres } from './postgres.js';
import { testerFor, type TesterInput } from './registry.js';
import { testTcp } from './tcp.js';

const input = (type: string, fields: Partial<TesterInput> = {}): TesterInput => ({
  type,
  username: null,
  host: null,
  extra: {},
  ...fields,
});

describe('testerFor', () => {
  it("uses the type's own tester", () => {
    expect(testerFor(input('postgres', { host: 'db', extra: { port: 5432 } }))).toBe(testPostgres);
    expect(testerFor(input('http_basic', { extra: { url: 'https://x' } }))).toBe(testHttpBasic);
    expect(testerFor(input('api_key', { extra: { base_url: 'https://x' } }))).toBe(testApiKey);
  });

  it('finds the URL under the names older clients send', () => {
    expect(testerFor(input('http_basic', { extra: { base_url: 'https://x' } }))).toBe(testHttpBasic);
    expect(testerFor(input('bearer_token', { extra: { api_url: 'https://x' } }))).toBe(testBearerToken);
  });

  it('falls back to a TCP connect for a type with a host and port and nothing better', () => {
    expect(testerFor(input('rdp', { host: 'ts', extra: { port: 3389 } }))).toBe(testTcp);
    expect(testerFor(input('custom', { host: 'box', extra: { port: 22 } }))).toBe(testTcp);
  });

  it('has nothing for a credential without the settings a check needs', () => {
    expect(testerFor(input('api_key'))).toBeUndefined();
    expect(testerFor(input('http_basic'))).toBeUndefined();
    expect(testerFor(input('custom'))).toBeUndefined();
    expect(testerFor(input('kubernetes', { extra: { auth_method: 'kubeconfig' } }))).toBeUndefined();
  });
});
