import { createSign } from 'node:crypto';
import { formPost } from './http-request.js';
import { requestToken } from './oauth-token.js';
import { TestFailure, type Tester } from './tester.js';

const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  token_uri: string;
}

function parseKey(json: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(json) as Partial<ServiceAccountKey>;
  } catch {
    // JSON.parse quotes the text it failed on: that text is the secret.
    throw new TestFailure('the JSON key is not valid JSON');
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new TestFailure('the JSON key has no client_email or private_key');
  }
  return { client_email: key.client_email, private_key: key.private_key, token_uri: key.token_uri ?? GOOGLE_TOKEN_URI };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A signed JWT assertion (RS256) for the OAuth 2 JWT-bearer grant. */
export function serviceAccountAssertion(key: ServiceAccountKey, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({ iss: key.client_email, scope: SCOPE, aud: key.token_uri, iat: nowSeconds, exp: nowSeconds + 300 }),
  );
  try {
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key.private_key);
    return `${header}.${claims}.${base64url(signature)}`;
  } catch (error) {
    throw new TestFailure(`the private key of the JSON key cannot sign: ${(error as Error).message}`);
  }
}

/** gcp: exchanges a JWT signed with the service account's key for an access token at the key's token_uri. */
export const testGcp: Tester = async (target, options) => {
  const key = parseKey(target.secret);
  const assertion = serviceAccountAssertion(key, Math.floor(Date.now() / 1000));
  const fields = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion };
  await requestToken('Google', { ...formPost(key.token_uri, fields), ...options });
};
