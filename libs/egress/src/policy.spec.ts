import { parseCidr } from './addresses.js';
import { EgressRefused, healthCheckEgress, webhookEgress, type ResolvedAddress, type Resolver } from './policy.js';

/** A resolver that answers from a table, and remembers what it was asked: no real lookup, no connection. */
function tableResolver(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver = async (host: string): Promise<ResolvedAddress[]> => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolver, { asked });
}

const names = tableResolver({
  'public.example': ['93.184.215.14'],
  'imds.example': ['169.254.169.254'],
  'mapped.example': ['::ffff:169.254.169.254'],
  'aws6.example': ['fd00:ec2::254'],
  'linklocal6.example': ['fe80::abcd'],
  // A rebinding-style answer: one good address, one refused.
  'mixed.example': ['93.184.215.14', '169.254.10.10'],
  'metadata.google.internal': ['93.184.215.99'],
  'METADATA.google.internal.': ['93.184.215.99'],
  'intranet.example': ['10.20.30.40'],
  'localhost.example': ['127.0.0.1', '::1'],
});
const none = { allow: [], webhookAllowPrivate: false };
const cidrs = (...texts: string[]) => texts.map((text) => parseCidr(text)!);

async function refusalOf(promise: Promise<unknown>): Promise<EgressRefused> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EgressRefused) return error;
    throw error;
  }
  throw new Error('expected an egress refusal');
}

describe('health-check egress', () => {
  const policy = healthCheckEgress(none, names);

  it('pins a public name to its checked address, with a lookup that answers only with it', async () => {
    const pinned = await policy.pin('public.example');
    expect(pinned).toMatchObject({ host: 'public.example', address: '93.184.215.14', family: 4 });
    const answer = await new Promise<[Error | null, string, number]>((resolve) =>
      pinned.lookup('public.example', {}, (error, address, family) => resolve([error, address as string, family as number])),
    );
    expect(answer).toEqual([null, '93.184.215.14', 4]);
    const other = await new Promise<Error | null>((resolve) => pinned.lookup('other.example', {}, (error) => resolve(error)));
    expect(other?.message).toMatch(/egress refused/);
  });

  it.each([
    ['imds.example', 'imds.example resolves to a cloud metadata address'],
    ['mapped.example', 'mapped.example resolves to a cloud metadata address'],
    ['aws6.example', 'aws6.example resolves to a cloud metadata address'],
    ['linklocal6.example', 'linklocal6.example resolves to a link-local address'],
    ['mixed.example', 'mixed.example resolves to a link-local address'],
    ['metadata.google.internal', 'metadata.google.internal resolves to a cloud metadata address'],
    ['METADATA.google.internal.', 'METADATA.google.internal. resolves to a cloud metadata address'],
    ['169.254.169.254', '169.254.169.254 resolves to a cloud metadata address'],
    ['[::ffff:169.254.169.254]', '::ffff:169.254.169.254 resolves to a cloud metadata address'],
    ['100.100.100.200', '100.100.100.200 resolves to a cloud metadata address'],
    ['169.254.0.1', '169.254.0.1 resolves to a link-local address'],
  ])('refuses %s after resolving it', async (host, message) => {
    expect((await refusalOf(healthCheckEgress(none, names).pin(host))).message).toBe(`egress refused: ${message}`);
  });

  it('lets private and loopback addresses through: internal systems are what credentials are for', async () => {
    await expect(policy.pin('intranet.example')).resolves.toMatchObject({ address: '10.20.30.40' });
    await expect(policy.pin('localhost.example')).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(policy.pin('127.0.0.1')).resolves.toMatchObject({ address: '127.0.0.1', family: 4 });
  });

  it('does not resolve an IP literal', async () => {
    const resolver = tableResolver({});
    await healthCheckEgress(none, resolver).pin('192.0.2.10');
    await healthCheckEgress(none, resolver).pin('[2001:db8::1]');
    expect(resolver.asked).toEqual([]);
  });

  it('passes a lookup failure on as it is', async () => {
    await expect(policy.pin('missing.example')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('lets KEYLEDGER_EGRESS_ALLOW networks through, metadata names included', async () => {
    const allowing = healthCheckEgress({ allow: cidrs('169.254.169.254', '93.184.215.0/24'), webhookAllowPrivate: false }, names);
    await expect(allowing.pin('imds.example')).resolves.toMatchObject({ address: '169.254.169.254' });
    await expect(allowing.pin('mapped.example')).resolves.toMatchObject({ address: '::ffff:169.254.169.254' });
    await expect(allowing.pin('metadata.google.internal')).resolves.toMatchObject({ address: '93.184.215.99' });
    await expect(refusalOf(allowing.pin('linklocal6.example'))).resolves.toBeInstanceOf(EgressRefused);
  });
});

describe('webhook egress', () => {
  it('refuses private and loopback addresses too', async () => {
    const policy = webhookEgress(none, names);
    expect((await refusalOf(policy.pin('intranet.example'))).message).toBe(
      'egress refused: intranet.example resolves to a private address',
    );
    expect((await refusalOf(policy.pin('localhost.example'))).message).toBe(
      'egress refused: localhost.example resolves to a loopback address',
    );
    expect((await refusalOf(policy.pin('::ffff:127.0.0.1'))).kind).toBe('loopback');
    expect((await refusalOf(policy.pin('100.64.1.1'))).kind).toBe('private');
    expect((await refusalOf(policy.pin('fd12::1'))).kind).toBe('private');
    expect((await refusalOf(policy.pin('0.0.0.0'))).kind).toBe('loopback');
    await expect(policy.pin('public.example')).resolves.toMatchObject({ address: '93.184.215.14' });
  });

  it('allows private and loopback with KEYLEDGER_WEBHOOK_ALLOW_PRIVATE, never link-local or metadata', async () => {
    const policy = webhookEgress({ allow: [], webhookAllowPrivate: true }, names);
    await expect(policy.pin('intranet.example')).resolves.toMatchObject({ address: '10.20.30.40' });
    await expect(policy.pin('localhost.example')).resolves.toMatchObject({ address: '127.0.0.1' });
    expect((await refusalOf(policy.pin('imds.example'))).kind).toBe('metadata');
    expect((await refusalOf(policy.pin('linklocal6.example'))).kind).toBe('link-local');
  });

  it('allows one site through KEYLEDGER_EGRESS_ALLOW and nothing beside it', async () => {
    const policy = webhookEgress({ allow: cidrs('10.20.30.0/24'), webhookAllowPrivate: false }, names);
    await expect(policy.pin('intranet.example')).resolves.toMatchObject({ address: '10.20.30.40' });
    expect((await refusalOf(policy.pin('10.20.31.1'))).kind).toBe('private');
    expect((await refusalOf(policy.pin('localhost.example'))).kind).toBe('loopback');
  });
});
