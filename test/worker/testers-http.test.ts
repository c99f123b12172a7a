import { createVerify, generateKeyPairSync } from 'node:crypto';
import {
  awsTester,
  azureTester,
  checkCredential,
  cloudflareTester,
  namecheapTester,
  signSigV4,
  testGcp,
  type Tester,
  type TestTarget,
} from '#health-checks';
import { answer, basicAuth, startLoopbackHttp, type LoopbackHttp, type SeenRequest } from '../support/loopback-http.js';

// The HTTP testers against a loopback server standing in for each API: the
// base URL comes from the credential's settings (url, base_url, endpoint,
// api_url, server) or, for providers with a fixed host, from the tester's
// constructor. A good secret passes; a bad one fails with a message that
// names the URL and never the secret.
const GOOD = 'Good-Secret-0123456789abcdef';
const BAD = 'Bad-Secret-0123456789abcdef';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

let site: LoopbackHttp;
const googleKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

beforeAll(async () => {
  site = await startLoopbackHttp((req, res) => {
    if (req.url.startsWith('/xml.response')) return void res.writeHead(200).end(namecheapReply(req));
    if (req.url === '/google/token')
      return answer(res, validJwt(req), { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    if (req.url === '/sts/') return awsReply(req, res);
    if (req.url.endsWith('/oauth2/v2.0/token')) {
      const refused = { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1234' };
      return answer(res, new URLSearchParams(req.body).get('client_secret') === GOOD, refused);
    }
    answer(res, JSON.stringify(req.headers).includes(GOOD) || req.headers.authorization === basicAuth('app', GOOD));
  });
});
afterAll(() => site.close());

const target = (type: string, extra: Record<string, unknown>, username: string | null = null): TestTarget => ({
  type,
  username,
  host: null,
  extra,
  secret: GOOD,
});
const lastSeen = () => site.seen.at(-1)!;

type Case = [string, TestTarget, string, (seen: SeenRequest) => void, Tester?];
const headerCases = (): Case[] => [
  [
    'http_basic',
    target('http_basic', { url: `${site.url}/status` }, 'app'),
    '/status',
    (s) => expect(s.headers.authorization).toBe(basicAuth('app', GOOD)),
  ],
  [
    'bearer_token',
    target('bearer_token', { url: `${site.url}/me`, header: 'Authorization', scheme: 'Token' }),
    '/me',
    (s) => expect(s.headers.authorization).toBe(`Token ${GOOD}`),
  ],
  [
    'api_key',
    target('api_key', { base_url: `${site.url}/api`, header: 'X-API-Key' }),
    '/api',
    (s) => expect(s.headers['x-api-key']).toBe(GOOD),
  ],
  [
    'openai',
    target('openai', { base_url: `${site.url}/v1`, organization: 'org-7' }),
    '/v1/models',
    (s) => expect(s.headers).toMatchObject({ authorization: `Bearer ${GOOD}`, 'openai-organization': 'org-7' }),
  ],
  [
    'anthropic',
    target('anthropic', { base_url: site.url }),
    '/v1/models',
    (s) => expect(s.headers).toMatchObject({ 'x-api-key': GOOD, 'anthropic-version': '2023-06-01' }),
  ],
  [
    'huggingface',
    target('huggingface', { endpoint: site.url }),
    '/api/whoami-v2',
    (s) => expect(s.headers.authorization).toBe(`Bearer ${GOOD}`),
  ],
  ['github', target('github', { api_url: site.url }), '/user', (s) => expect(s.headers.authorization).toBe(`Bearer ${GOOD}`)],
  [
    'kubernetes',
    target('kubernetes', { auth_method: 'token', server: site.url }),
    '/api',
    (s) => expect(s.headers.authorization).toBe(`Bearer ${GOOD}`),
  ],
  [
    'cloudflare token',
    target('cloudflare', { auth_method: 'api_token' }),
    '/cf/user/tokens/verify',
    (s) => expect(s.headers.authorization).toBe(`Bearer ${GOOD}`),
    cloudflareTester(`${site.url}/cf`),
  ],
  [
    'cloudflare global key',
    target('cloudflare', { auth_method: 'global_api_key' }, 'ops@example.com'),
    '/cf/user',
    (s) => expect(s.headers).toMatchObject({ 'x-auth-key': GOOD, 'x-auth-email': 'ops@example.com' }),
    cloudflareTester(`${site.url}/cf`),
  ],
];

describe('testers that send the credential in a header', () => {
  const names = [
    'http_basic',
    'bearer_token',
    'api_key',
    'openai',
    'anthropic',
    'huggingface',
    'github',
    'kubernetes',
    'cloudflare token',
    'cloudflare global key',
  ];
  it('covers every case', () => expect(headerCases().map((c) => c[0])).toEqual(names));
  // The cases read the loopback URL, known once beforeAll ran: built inside each test.
  it.each(names)('%s: passes with the right secret, fails on HTTP 401 with the URL', async (name) => {
    const [, good, path, carried, tester] = headerCases().find((c) => c[0] === name)!;
    expect(await checkCredential(good, 3000, tester)).toMatchObject({ ok: true });
    expect(lastSeen().url).toBe(path);
    carried(lastSeen());
    const outcome = await checkCredential({ ...good, secret: BAD }, 3000, tester);
    expect(outcome).toMatchObject({ ok: false, error: `HTTP 401 from ${site.url}${path}: the credentials were refused` });
  });
});

describe('URLs under the names older clients send', () => {
  it('http_basic reads extra.base_url and bearer_token extra.api_url', async () => {
    const basic = target('http_basic', { base_url: `${site.url}/basic` }, 'app');
    expect(await checkCredential(basic, 3000)).toMatchObject({ ok: true });
    expect(lastSeen().url).toBe('/basic');
    const bearer = target('bearer_token', { api_url: `${site.url}/bearer` });
    expect(await checkCredential(bearer, 3000)).toMatchObject({ ok: true });
    expect(lastSeen()).toMatchObject({ url: '/bearer', headers: { authorization: `Bearer ${GOOD}` } });
  });
});

describe('testers with a flow of their own', () => {
  it('namecheap: reads the XML status, and keeps the key (a query parameter) out of the message', async () => {
    const tester = namecheapTester({ live: site.url, sandbox: `${site.url}/sandbox` });
    const nc = target('namecheap', { client_ip: '203.0.113.7', sandbox: false }, 'ops');
    expect(await checkCredential(nc, 3000, tester)).toMatchObject({ ok: true });
    expect(new URL(lastSeen().url, site.url).searchParams.get('ClientIp')).toBe('203.0.113.7');
    const outcome = await checkCredential({ ...nc, secret: BAD }, 3000, tester);
    expect(outcome).toMatchObject({
      ok: false,
      error: 'Namecheap refused the request: API Key is invalid or API access has not been enabled',
    });
  });

  it('azure: asks the tenant for a client-credentials token; a refusal quotes the provider, not the secret', async () => {
    const tester = azureTester({ AzureCloud: { authority: site.url, resourceManager: 'https://management.azure.com' } });
    const az = target('azure', { tenant_id: '11111111-2222-3333-4444-555555555555', cloud: 'AzureCloud' }, 'client-1');
    expect(await checkCredential(az, 3000, tester)).toMatchObject({ ok: true });
    expect(new URLSearchParams(lastSeen().body).get('scope')).toBe('https://management.azure.com/.default');
    const outcome = await checkCredential({ ...az, secret: BAD }, 3000, tester);
    expect(outcome).toMatchObject({
      ok: false,
      error: `Entra ID refused the credentials (HTTP 401 from ${site.url}/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token): invalid_client: AADSTS7000215: Invalid client secret provided.`,
    });
  });

  it("gcp: exchanges a JWT signed with the key for a token at the key's token_uri", async () => {
    const key = (privateKey: string) =>
      JSON.stringify({
        type: 'service_account',
        client_email: 'ci@proj-123.iam.gserviceaccount.com',
        private_key: privateKey,
        token_uri: `${site.url}/google/token`,
      });
    const pem = (pair: typeof googleKey) => pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await checkCredential({ ...target('gcp', {}), secret: key(pem(googleKey)) }, 3000, testGcp)).toMatchObject({ ok: true });
    const outcome = await checkCredential({ ...target('gcp', {}), secret: key(pem(otherKey)) }, 3000, testGcp);
    expect(outcome).toMatchObject({
      ok: false,
      error: `Google refused the credentials (HTTP 401 from ${site.url}/google/token): invalid_grant: Invalid JWT Signature.`,
    });
    expect(await checkCredential({ ...target('gcp', {}), secret: `{"private_key": "${BAD}` }, 3000, testGcp)).toMatchObject({
      ok: false,
      error: 'the JSON key is not valid JSON',
    });
  });

  it('aws: signs STS GetCallerIdentity with the key', async () => {
    const tester = awsTester(() => `${site.url}/sts/`);
    const aws = { ...target('aws', { region: 'eu-west-1' }, 'AKIAIOSFODNN7EXAMPLE'), secret: AWS_SECRET };
    expect(await checkCredential(aws, 3000, tester)).toMatchObject({ ok: true });
    const outcome = await checkCredential({ ...aws, secret: BAD }, 3000, tester);
    expect(outcome).toMatchObject({
      ok: false,
      error: `AWS refused the access key (HTTP 403 from ${site.url}/sts/): SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.`,
    });
  });
});

function namecheapReply(req: SeenRequest): string {
  if (new URL(req.url, site.url).searchParams.get('ApiKey') === GOOD) return '<ApiResponse Status="OK"><Errors /></ApiResponse>';
  return '<ApiResponse Status="ERROR"><Errors><Error Number="1011102">API Key is invalid or API access has not been enabled</Error></Errors></ApiResponse>';
}

function validJwt(req: SeenRequest): boolean {
  const [header, claims, signature] = (new URLSearchParams(req.body).get('assertion') ?? '').split('.');
  const verify = createVerify('RSA-SHA256').update(`${header}.${claims}`);
  return verify.verify(googleKey.publicKey, Buffer.from(signature ?? '', 'base64url'));
}

function awsReply(req: SeenRequest, res: Parameters<Parameters<typeof startLoopbackHttp>[0]>[1]): void {
  const expected = signSigV4({
    url: `${site.url}/sts/`,
    body: req.body,
    region: 'eu-west-1',
    service: 'sts',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: AWS_SECRET,
    now: new Date(String(req.headers['x-amz-date']).replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')),
  });
  if (req.headers.authorization === expected.authorization) return void res.writeHead(200).end('<GetCallerIdentityResponse/>');
  res
    .writeHead(403)
    .end(
      '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error></ErrorResponse>',
    );
}
