// A credential's name is a display name, written as people write it
// ("Production PostgreSQL"), unique per tenant ignoring case.

export const NAME_MAX_LENGTH = 200;

export const NAME_RULE = `1–${NAME_MAX_LENGTH} characters of printable text (spaces inside are fine); no control, format or line-separator characters`;

/**
 * Characters a name may not hold anywhere: every code point of Unicode's
 * general category C (Cc: C0 and C1 controls, tab, newline, DEL; Cf: format
 * characters such as soft hyphen, zero-width space and joiners, bidi marks,
 * embeddings, overrides and isolates, the byte-order mark; Cs: lone
 * surrogates; Co: private use; Cn: unassigned) and the line and paragraph
 * separators U+2028 and U+2029. They are invisible or reorder what is shown,
 * so two names that look the same could differ, or a name could break a log
 * line or a terminal.
 */
const FORBIDDEN = /[\p{C}\p{Zl}\p{Zp}]/u;

/** The name as stored and returned: surrounding white space trimmed. */
export function normalizeName(name: string): string {
  return name.trim();
}

/** Why a (trimmed) name breaks the rule, or undefined when it follows it. */
export function nameProblem(name: string): string | undefined {
  const length = [...name].length;
  if (length === 0) return `required: ${NAME_RULE}`;
  if (length > NAME_MAX_LENGTH) return `at most ${NAME_MAX_LENGTH} characters; got ${length}`;
  const forbidden = FORBIDDEN.exec(name);
  if (forbidden) {
    const codePoint = forbidden[0].codePointAt(0)!;
    const position = [...name.slice(0, forbidden.index)].length + 1;
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    return `must not contain control, format or line-separator characters; found U+${hex} at character ${position}`;
  }
  return undefined;
}

/**
 * The key names are unique by, and looked up by: NFKC (compatibility forms
 * such as full-width letters and ligatures become their plain letters), then
 * upper case, then lower case (locale-independent; the round trip through
 * upper case folds 'ß' with 'ss' and final 'ς' with 'σ'), then NFKC again.
 * "Production PostgreSQL", "production postgresql" and
 * "ＰＲＯＤＵＣＴＩＯＮ postgresql" have one key.
 */
export function foldName(name: string): string {
  return normalizeName(name).normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}
