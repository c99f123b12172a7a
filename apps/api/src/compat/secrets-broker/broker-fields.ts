import { NAME_MAX_LENGTH, type CredentialState } from '#domain';
import type { CredentialFields } from '../../credentials/credential-fields.js';
import type { BrokerUpsertDto } from './secrets-broker.dto.js';

// Where the broker's fields live on a Keyledger credential: host, purpose,
// username and the secret at the top level; `domain` and `additional_data`
// (non-secret) in `extra`. A new credential is of type `custom`, whose extra
// is free-form.
export const BROKER_CREDENTIAL_TYPE = 'custom';
const EXTRA_KEYS = ['domain', 'additional_data'] as const;

// What a display name may not hold (Unicode category C, line and paragraph
// separators): a host or purpose carrying one still gives a valid name.
const NOT_IN_NAMES = /[\p{C}\u2028\u2029]+/gu;

/**
 * The display name a new credential gets, `<purpose> on <host>` (`winrm on
 * 192.168.50.211`), with ` (<suffix>)` when that name is taken. Given once, at
 * creation: later upserts keep it.
 */
export function brokerCredentialName(host: string, purpose: string, suffix?: string): string {
  const clean = (text: string) => text.replace(NOT_IN_NAMES, ' ').replace(/\s+/g, ' ').trim();
  const tail = suffix === undefined ? '' : ` (${suffix})`;
  const base = [...`${clean(purpose)} on ${clean(host)}`].slice(0, NAME_MAX_LENGTH - tail.length).join('');
  return `${base.trimEnd()}${tail}`;
}

/** The create of a credential the broker's upsert did not find. */
export function createFields(body: BrokerUpsertDto, name: string): CredentialFields {
  const fields: CredentialFields = { name, type: BROKER_CREDENTIAL_TYPE, host: body.host, purpose: body.purpose, secret: body.password };
  if (body.username !== undefined && body.username !== null) fields.username = body.username;
  const extra = withBrokerExtra({}, body);
  if (Object.keys(extra).length > 0) fields.extra = extra;
  return fields;
}

/**
 * The PUT an upsert of an existing credential stands for: the new secret, and
 * the non-secret fields the body names (a field it leaves out is kept; null
 * clears it). Other settings of `extra` are kept.
 */
export function updateFields(state: CredentialState, body: BrokerUpsertDto): CredentialFields {
  const fields: CredentialFields = { secret: body.password };
  if (body.username !== undefined) fields.username = body.username;
  if (state.status !== 'absent' && EXTRA_KEYS.some((key) => body[key] !== undefined)) {
    fields.extra = withBrokerExtra(state.metadata.extra, body);
  }
  return fields;
}

function withBrokerExtra(current: Record<string, unknown>, body: BrokerUpsertDto): Record<string, unknown> {
  const extra = { ...current };
  for (const key of EXTRA_KEYS) {
    const value = body[key];
    if (value === null) delete extra[key];
    else if (value !== undefined) extra[key] = value;
  }
  return extra;
}

/** The broker's `domain` and `additional_data` of a credential's extra. */
export function brokerExtraOf(extra: Record<string, unknown>): { domain: string | null; additional_data: Record<string, unknown> } {
  const { domain, additional_data: additional } = extra;
  const isObject = typeof additional === 'object' && additional !== null && !Array.isArray(additional);
  return {
    domain: typeof domain === 'string' ? domain : null,
    additional_data: isObject ? (additional as Record<string, unknown>) : {},
  };
}
