// Where webhook deliveries and health checks may connect (see #egress).
import { parseCidr, type Cidr, type EgressSettings } from '#egress';
import { ConfigError } from './config-error.js';
import { readChoice, readRaw, type Env } from './readers.js';

const MAX_NETWORKS = 100;

export function readEgressSettings(env: Env): EgressSettings {
  return Object.freeze({
    allow: Object.freeze(readNetworks(env, 'KEYLEDGER_EGRESS_ALLOW')),
    webhookAllowPrivate: readChoice(env, 'KEYLEDGER_WEBHOOK_ALLOW_PRIVATE', 'false', ['true', 'false']) === 'true',
  });
}

function readNetworks(env: Env, name: string): Cidr[] {
  const text = readRaw(env, name);
  if (text === undefined) return [];
  const parts = text.split(',').filter((part) => part.trim() !== '');
  const networks = parts.map((part) => parseCidr(part));
  if (networks.length > MAX_NETWORKS || networks.some((network) => network === undefined)) {
    throw new ConfigError(`${name} must list at most ${MAX_NETWORKS} networks like 10.0.0.0/8,fd00::/8 (CIDRs or single addresses)`);
  }
  return networks.map((network) => Object.freeze(network!));
}
