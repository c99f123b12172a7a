import { createHash, createHmac } from 'node:crypto';

export interface SigV4Request {
  url: string;
  /** Form body of a POST (AWS query APIs such as STS). */
  body: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
}

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The headers of a POST signed with AWS Signature Version 4 (header-based,
 * signed payload): content-type, x-amz-date and Authorization.
 */
export function signSigV4(request: SigV4Request): Record<string, string> {
  const url = new URL(request.url);
  const amzDate = request.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const signedHeaders = 'content-type;host;x-amz-date';
  const canonicalHeaders = `content-type:${FORM}\nhost:${url.host}\nx-amz-date:${amzDate}\n`;
  const canonicalRequest = ['POST', url.pathname || '/', '', canonicalHeaders, signedHeaders, sha256(request.body)].join('\n');
  const scope = `${date}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = [date, request.region, request.service, 'aws4_request'].reduce<Buffer | string>(
    (key, part) => hmac(key, part),
    `AWS4${request.secretAccessKey}`,
  );
  const signature = hmac(signingKey, stringToSign).toString('hex');
  return {
    'content-type': FORM,
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${request.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
