// Public surface of #egress: where outgoing connections may go.
export { ADDRESS_KINDS, canonicalAddress, classifyAddress, parseCidr, type AddressKind, type Cidr } from './addresses.js';
export {
  ALWAYS_REFUSED,
  EgressPolicy,
  EgressRefused,
  healthCheckEgress,
  systemResolver,
  webhookEgress,
  type EgressRules,
  type EgressSettings,
  type PinnedHost,
  type ResolvedAddress,
  type Resolver,
} from './policy.js';
