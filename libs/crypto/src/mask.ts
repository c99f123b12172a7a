// Masked previews of secrets, safe to show anywhere. Invariant: at most 25%
// of a secret's characters (code points) ever appear in its preview.

export const MASKED = '••••••••';

const MIN_MASKABLE_LENGTH = 16;
const PREFIX_WINDOW = 8;
const TAIL_LENGTH = 4;

/**
 * `sk-1…5678`: the known-looking prefix (up to the last '-' or '_' within
 * the first 8 characters) plus one character, '…', and the last 4. Short
 * secrets, or ones whose preview would show more than 25%, become `••••••••`.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  if (chars.length < MIN_MASKABLE_LENGTH) return MASKED;
  const window = chars.slice(0, PREFIX_WINDOW);
  const separator = Math.max(window.lastIndexOf('-'), window.lastIndexOf('_'));
  // separator + 1 prefix characters, then one more.
  const head = chars.slice(0, separator + 2);
  const shown = head.length + TAIL_LENGTH;
  if (shown * 4 > chars.length) return MASKED;
  return `${head.join('')}…${chars.slice(-TAIL_LENGTH).join('')}`;
}
