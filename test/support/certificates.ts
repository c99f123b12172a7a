import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// Test certificates made with node:crypto alone: a CA and server
// certificates it signs (P-256, ECDSA with SHA-256), DER-encoded here
// because node:crypto reads X.509 but does not write it.

export interface Issued {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8, unencrypted). */
  key: string;
  privateKey: KeyObject;
  publicKeyDer: Buffer;
  subject: string;
}

const der = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const octets = (content: Buffer) => der(0x04, content);
const bits = (content: Buffer, unused = 0) => der(0x03, Buffer.concat([Buffer.from([unused]), content]));
const explicit = (n: number, content: Buffer) => der(0xa0 + n, content);
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function integer(value: Buffer): Buffer {
  return der(0x02, value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function oid(text: string): Buffer {
  const [a, b, ...rest] = text.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return der(0x17, Buffer.from(text, 'ascii'));
}

const name = (commonName: string) => seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))));
const extension = (id: string, value: Buffer, critical = false) => seq(oid(id), ...(critical ? [TRUE] : []), octets(value));
const keyId = (publicKeyDer: Buffer) => createHash('sha1').update(publicKeyDer).digest();
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function pem(label: string, body: Buffer): string {
  const lines = body
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

interface IssueOptions {
  subject: string;
  /** Signs the certificate; itself (self-signed) when absent. */
  issuer?: Issued;
  ca?: boolean;
  /** DNS names and IP addresses (IPv4) the certificate is for. */
  dnsNames?: string[];
  ipAddresses?: string[];
  days?: number;
}

function issue(options: IssueOptions): Issued {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyDer = publicKey.export({ type: 'spki', format: 'der' });
  const signer = options.issuer;
  const now = Date.now();
  const extensions = [
    extension('2.5.29.19', options.ca ? seq(TRUE) : seq(), true),
    extension('2.5.29.15', options.ca ? bits(Buffer.from([0x06]), 1) : bits(Buffer.from([0x80]), 7), true),
    extension('2.5.29.14', octets(keyId(publicKeyDer))),
    extension('2.5.29.35', seq(der(0x80, keyId(signer?.publicKeyDer ?? publicKeyDer)))),
  ];
  const altNames = [
    ...(options.dnsNames ?? []).map((dns) => der(0x82, Buffer.from(dns, 'ascii'))),
    ...(options.ipAddresses ?? []).map((ip) => der(0x87, Buffer.from(ip.split('.').map(Number)))),
  ];
  if (altNames.length > 0) extensions.push(extension('2.5.29.17', seq(...altNames)));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_SHA256,
    name(signer?.subject ?? options.subject),
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + (options.days ?? 2) * 86_400_000))),
    name(options.subject),
    publicKeyDer,
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, signer?.privateKey ?? privateKey);
  return {
    cert: pem('CERTIFICATE', seq(tbs, ECDSA_SHA256, bits(signature))),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    privateKey,
    publicKeyDer,
    subject: options.subject,
  };
}

/** A certificate authority of its own. */
export function createCa(subject = 'Keyledger Test CA'): Issued {
  return issue({ subject, ca: true, days: 30 });
}

/** A server certificate for localhost and 127.0.0.1, signed by the CA. */
export function createServerCertificate(ca: Issued, subject = 'localhost'): Issued {
  return issue({ subject, issuer: ca, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
}
