// Where Keyledger's outgoing connections (webhook deliveries, credential
// health checks) may go. A host name is resolved once, every address it
// resolves to is checked, and the connection is made to a checked address:
// no second lookup that a rebinding DNS server could answer differently.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { blockListOf, classifyAddress, inNetworks, METADATA_NAMES, type AddressKind, type Cidr } from './addresses.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name stands for (getaddrinfo, as a connect would resolve it). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 4 ? 4 : 6 }));

export interface EgressRules {
  /** Kinds of address never connected to (unless allowed below). */
  refuse: readonly AddressKind[];
  /** Networks connected to whatever their kind (KEYLEDGER_EGRESS_ALLOW). */
  allow: readonly Cidr[];
  resolver?: Resolver;
}

/** Link-local and cloud metadata: never, for any outgoing connection. */
export const ALWAYS_REFUSED: readonly AddressKind[] = ['metadata', 'link-local'];

const KIND_WORDS: Record<AddressKind, string> = {
  metadata: 'a cloud metadata address',
  'link-local': 'a link-local address',
  loopback: 'a loopback address',
  private: 'a private address',
  public: 'a public address',
};

/** A connection the policy does not allow. Its message names the host, never a path, query or credential. */
export class EgressRefused extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor(
    readonly host: string,
    readonly kind: AddressKind,
  ) {
    super(`egress refused: ${host} resolves to ${KIND_WORDS[kind]}`);
    this.name = 'EgressRefused';
  }
}

/** A host checked against the policy, and the one address to connect to. */
export interface PinnedHost extends ResolvedAddress {
  host: string;
  /** For node:net, node:http(s) and node:tls `lookup` options: answers only with the checked address. */
  lookup: LookupFunction;
}

export class EgressPolicy {
  private readonly allowed;
  private readonly resolver: Resolver;

  constructor(private readonly rules: EgressRules) {
    this.allowed = blockListOf(rules.allow);
    this.resolver = rules.resolver ?? systemResolver;
  }

  /** The kind of address that makes the policy refuse this one, or null when it may be connected to. */
  refusalOf(address: string): AddressKind | null {
    if (inNetworks(address, this.allowed)) return null;
    const kind = classifyAddress(address);
    return this.rules.refuse.includes(kind) ? kind : null;
  }

  /**
   * Resolves the host (an IP literal stands for itself), refuses it if any
   * of its addresses is refused, and pins the first one. Throws EgressRefused,
   * or the resolver's error (ENOTFOUND, ...).
   */
  async pin(host: string): Promise<PinnedHost> {
    const name = host.replace(/^\[|\]$/g, '');
    const literal = isIP(name) !== 0;
    const addresses: ResolvedAddress[] = literal ? [canonicalLiteral(name)] : await this.resolver(name);
    if (addresses.length === 0) throw Object.assign(new Error(`host not found: ${name}`), { code: 'ENOTFOUND' });
    const metadataName = !literal && METADATA_NAMES.includes(name.toLowerCase().replace(/\.$/, ''));
    for (const { address } of addresses) {
      const refusal = metadataName && !inNetworks(address, this.allowed) ? 'metadata' : this.refusalOf(address);
      if (refusal) throw new EgressRefused(name, refusal);
    }
    const chosen = addresses[0]!;
    return { host: name, ...chosen, lookup: pinnedLookup(name, chosen) };
  }
}

function canonicalLiteral(address: string): ResolvedAddress {
  return { address, family: isIP(address) === 4 ? 4 : 6 };
}

/** A lookup that answers only for the pinned host, only with its checked address. */
function pinnedLookup(host: string, pinned: ResolvedAddress): LookupFunction {
  return (hostname, options, callback) => {
    if (hostname.replace(/^\[|\]$/g, '').toLowerCase() !== host.toLowerCase()) {
      const error = Object.assign(new Error(`egress refused: ${hostname} was not checked`), { code: 'EGRESS_REFUSED' });
      return callback(error, '', 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    callback(null, pinned.address, pinned.family);
  };
}

export interface EgressSettings {
  /** KEYLEDGER_EGRESS_ALLOW: networks reached whatever their kind. */
  allow: readonly Cidr[];
  /** KEYLEDGER_WEBHOOK_ALLOW_PRIVATE: webhooks may reach private and loopback addresses. */
  webhookAllowPrivate: boolean;
}

/** Health checks test credentials of internal systems: only link-local and metadata addresses are refused. */
export function healthCheckEgress(settings: EgressSettings, resolver?: Resolver): EgressPolicy {
  return new EgressPolicy({ refuse: ALWAYS_REFUSED, allow: settings.allow, resolver });
}

/** Webhooks go to receivers a tenant admin names: private and loopback addresses too are refused, unless allowed. */
export function webhookEgress(settings: EgressSettings, resolver?: Resolver): EgressPolicy {
  const refuse: AddressKind[] = settings.webhookAllowPrivate ? [...ALWAYS_REFUSED] : [...ALWAYS_REFUSED, 'private', 'loopback'];
  return new EgressPolicy({ refuse, allow: settings.allow, resolver });
}
