import type { TestTarget } from './tester.js';

export const REDACTED = '[redacted]';
const MIN_LINE = 8;

/**
 * Every form in which the secret could surface in a driver's message: as
 * is, URL-encoded, JSON-escaped, base64 (alone and as a Basic pair), the
 * password of a DSN, each line of a multi-line secret (PEM keys). Longest
 * first, so a longer form is replaced before a shorter one inside it.
 */
export function secretForms(target: Pick<TestTarget, 'secret' | 'username'>): string[] {
  const { secret } = target;
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${target.username ?? ''}:${secret}`).toString('base64'),
  ]);
  const password = URL.parse(secret)?.password;
  if (password) forms.add(password).add(decodeURIComponent(password));
  for (const line of secret.split(/\r?\n|\\n/)) if (line.trim().length >= MIN_LINE) forms.add(line.trim());
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/** The last line of defence: whatever a driver put in its message, the secret does not get through. */
export function scrubSecret(message: string, forms: readonly string[]): string {
  return forms.reduce((text, form) => text.split(form).join(REDACTED), message);
}
