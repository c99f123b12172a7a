import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pinHost } from './egress.js';
import { networkFailure } from './network-failure.js';
import { TestFailure, type TestOptions } from './tester.js';

export interface HttpCheck extends TestOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** false only for self-signed targets the operator opted out for. */
  verifyTls?: boolean;
  /** PEM of the CA to trust instead of the system store. */
  ca?: string;
}

export interface HttpReply {
  status: number;
  body: string;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The testers' one HTTP client (node:http/https): bounded by the timeout,
 * never follows a redirect (it would carry the credential to another host,
 * one the egress policy has not checked), connects only to the address the
 * egress policy checked, reads at most 64 KiB of the answer.
 */
export async function sendHttp(check: HttpCheck): Promise<HttpReply> {
  const url = new URL(check.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = safeUrl(check.url);
  const pinned = await pinHost(url.hostname, where, check);
  return new Promise((resolve, reject) => {
    const req = send(url, {
      lookup: pinned.lookup,
      method: check.method ?? 'GET',
      headers: { 'user-agent': 'keyledger-healthcheck', accept: 'application/json', ...check.headers },
      signal: AbortSignal.timeout(check.timeoutMs),
      rejectUnauthorized: check.verifyTls !== false,
      ...(check.ca ? { ca: check.ca } : {}),
    });
    req.once('error', (error) => reject(networkFailure(error, where, check.timeoutMs) ?? error));
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', (error) => reject(networkFailure(error, where, check.timeoutMs) ?? error));
    });
    req.end(check.body);
  });
}

/** The URL as it may appear in a message: no user info, query or fragment (they can carry keys). */
export function safeUrl(url: string): string {
  const parsed = URL.parse(url);
  return parsed ? `${parsed.origin}${parsed.pathname}` : '(invalid URL)';
}

/** Sends the request and fails unless the answer is a success (2xx; a redirect counts as reached and accepted). */
export async function expectAccepted(check: HttpCheck): Promise<HttpReply> {
  const reply = await sendHttp(check);
  if (reply.status < 400) return reply;
  const refused = reply.status === 401 || reply.status === 403 ? ': the credentials were refused' : '';
  throw new TestFailure(`HTTP ${reply.status} from ${safeUrl(check.url)}${refused}`);
}

/** A POST of form fields (application/x-www-form-urlencoded). */
export function formPost(url: string, fields: Record<string, string>): Pick<HttpCheck, 'url' | 'method' | 'headers' | 'body'> {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  return { url, method: 'POST', headers, body: new URLSearchParams(fields).toString() };
}

/** `base` + `path` with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
