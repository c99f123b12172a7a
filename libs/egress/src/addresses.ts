// What kind of network an IP address belongs to, for the egress policy.
// IPv4-mapped IPv6 addresses (`::ffff:169.254.169.254`) are judged as the
// IPv4 address they carry: a socket connected to one reaches that address.
import { BlockList, isIP } from 'node:net';

/** Most specific first: a metadata address is also link-local or private. */
export const ADDRESS_KINDS = ['metadata', 'link-local', 'loopback', 'private', 'public'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

/** Cloud instance-metadata services: AWS, Azure, GCP (IPv4), AWS (IPv6), Alibaba Cloud. */
const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];

/** Names that reach a metadata service whatever they resolve to. */
export const METADATA_NAMES = ['metadata.google.internal', 'metadata.goog'];

const RANGES: Record<Exclude<AddressKind, 'metadata' | 'public'>, string[]> = {
  'link-local': ['169.254.0.0/16', 'fe80::/10'],
  // The unspecified address reaches the local host when connected to.
  loopback: ['127.0.0.0/8', '0.0.0.0/8', '::1/128', '::/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
};

/** A list of networks; a bare address is a network of one. */
export interface Cidr {
  address: string;
  prefix: number;
  family: 4 | 6;
}

/** `10.0.0.0/8`, `fd00::/8` or a bare address; undefined if malformed (a non-zero host part is allowed, as ip(8) allows it). */
export function parseCidr(text: string): Cidr | undefined {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const family = isIP(address);
  if ((family !== 4 && family !== 6) || rest.length > 0) return undefined;
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family };
}

export function blockListOf(cidrs: readonly Cidr[]): BlockList {
  const list = new BlockList();
  for (const { address, prefix, family } of cidrs) list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list;
}

const rangeLists = Object.fromEntries(
  Object.entries(RANGES).map(([kind, ranges]) => [kind, blockListOf(ranges.map((range) => parseCidr(range)!))]),
) as Record<keyof typeof RANGES, BlockList>;

const metadataList = blockListOf(METADATA_ADDRESSES.map((address) => parseCidr(address)!));

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** The address in its plainest form: IPv4 for an IPv4-mapped IPv6 address, lower case, no zone. */
export function canonicalAddress(address: string): { address: string; family: 4 | 6 } {
  const bare = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const dotted = MAPPED_DOTTED.exec(bare);
  if (dotted && isIP(dotted[1]!) === 4) return { address: dotted[1]!, family: 4 };
  const hex = MAPPED_HEX.exec(bare);
  if (hex) {
    const high = parseInt(hex[1]!, 16);
    const low = parseInt(hex[2]!, 16);
    return { address: [high >> 8, high & 255, low >> 8, low & 255].join('.'), family: 4 };
  }
  return { address: bare, family: isIP(bare) === 4 ? 4 : 6 };
}

/** The kind of an IP address literal (throws on anything else). */
export function classifyAddress(address: string): AddressKind {
  const canonical = canonicalAddress(address);
  if (isIP(canonical.address) === 0) throw new TypeError('not an IP address');
  const type = canonical.family === 4 ? 'ipv4' : 'ipv6';
  if (metadataList.check(canonical.address, type)) return 'metadata';
  for (const kind of ['link-local', 'loopback', 'private'] as const) {
    if (rangeLists[kind].check(canonical.address, type)) return kind;
  }
  return 'public';
}

/** Whether an address falls in one of the networks (IPv4-mapped IPv6 judged as IPv4). */
export function inNetworks(address: string, networks: BlockList): boolean {
  const canonical = canonicalAddress(address);
  return networks.check(canonical.address, canonical.family === 4 ? 'ipv4' : 'ipv6');
}
