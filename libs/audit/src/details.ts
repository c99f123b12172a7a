// Audit details are built from event data, and event data may hold a sealed
// secret (SecretRotated, CredentialRegistered, SecretReencrypted). Whatever a
// mapping picks, the result goes through `scrub`: no secret-bearing member,
// no sealed envelope and no overlong text reaches the trail.

const SECRET_KEYS = new Set([
  'secret',
  'secrets',
  'ciphertext',
  'wrapped',
  'password',
  'passphrase',
  'token',
  'plaintext',
  'privatekey',
  'private_key',
  'apikey',
  'api_key',
  'dek',
  'kek',
]);

// kl1.<dekId>.… sealed secrets, kw1.<kekId>.… wrapped data keys.
const ENVELOPE = /^k[lw]1\.[A-Za-z0-9_-]{1,64}\./;

const MAX_TEXT = 500;

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') {
    if (ENVELOPE.test(value)) return '[redacted]';
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  }
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value !== null && typeof value === 'object') return scrub(value as Record<string, unknown>);
  return value;
}

/** A copy without secret-bearing members (at any depth), sealed envelopes or undefined members. */
export function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined || SECRET_KEYS.has(key.toLowerCase())) continue;
    clean[key] = scrubValue(value);
  }
  return clean;
}

/** The members of `data` named in `keys` that are present. */
export function pick(data: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (data[key] !== undefined) picked[key] = data[key];
  return picked;
}
