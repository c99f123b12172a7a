import { NAME_MAX_LENGTH, foldName, nameProblem, normalizeName } from './name.js';

describe('credential names', () => {
  it('are trimmed of surrounding white space, inner spaces kept', () => {
    expect(normalizeName('  Production PostgreSQL \n')).toBe('Production PostgreSQL');
    expect(normalizeName('\u2028a  b\u00A0')).toBe('a  b');
  });

  it('accept printable text of 1–200 characters: spaces, punctuation, non-ASCII letters, emoji', () => {
    for (const name of [
      'Production PostgreSQL',
      'a',
      'Stripe – live (EU)',
      'Base de données',
      '本番データベース',
      'Ключ API',
      'x'.repeat(200),
      '🔑 vault key',
    ]) {
      expect([name, nameProblem(name)]).toEqual([name, undefined]);
    }
  });

  it('count characters, not UTF-16 units, against the 200 limit', () => {
    expect(nameProblem('🔑'.repeat(NAME_MAX_LENGTH))).toBeUndefined();
    expect(nameProblem('🔑'.repeat(NAME_MAX_LENGTH + 1))).toBe('at most 200 characters; got 201');
  });

  it('refuse an empty name', () => {
    expect(nameProblem('')).toMatch(/^required: 1–200 characters/);
  });

  it('refuse control, format and line-separator characters, naming the first one and where it is', () => {
    const refused: Array<[string, string]> = [
      ['tab\there', 'U+0009 at character 4'],
      ['new\nline', 'U+000A at character 4'],
      ['nul\u0000', 'U+0000 at character 4'],
      ['del\u007F', 'U+007F at character 4'],
      ['c1\u0085', 'U+0085 at character 3'],
      ['line\u2028sep', 'U+2028 at character 5'],
      ['para\u2029sep', 'U+2029 at character 5'],
      ['zero\u200Bwidth', 'U+200B at character 5'],
      ['zw\u200Djoiner', 'U+200D at character 3'],
      ['bidi\u202Eoverride', 'U+202E at character 5'],
      ['isolate\u2066x', 'U+2066 at character 8'],
      ['soft\u00ADhyphen', 'U+00AD at character 5'],
      ['b\uFEFFom', 'U+FEFF at character 2'],
      ['🔑\u0007', 'U+0007 at character 2'],
      ['private\uE000', 'U+E000 at character 8'],
      ['lone\uD800', 'U+D800 at character 5'],
    ];
    for (const [name, where] of refused) {
      expect([name, nameProblem(name)]).toEqual([name, `must not contain control, format or line-separator characters; found ${where}`]);
    }
  });

  it('fold case and compatibility forms into one key', () => {
    expect(foldName('Production PostgreSQL')).toBe('production postgresql');
    expect(foldName('production postgresql')).toBe(foldName('PRODUCTION POSTGRESQL'));
    expect(foldName('ＰＲＯＤＵＣＴＩＯＮ')).toBe('production');
    expect(foldName('Straße')).toBe(foldName('STRASSE'));
    expect(foldName('ΟΔΟΣ')).toBe(foldName('οδος'));
    expect(foldName('Ключ API')).toBe(foldName('КЛЮЧ api'));
    expect(foldName('Café')).toBe(foldName('CAFE\u0301'));
    expect(foldName('  Trimmed ')).toBe('trimmed');
  });

  it('keep different names apart', () => {
    expect(foldName('prod db')).not.toBe(foldName('prod-db'));
    expect(foldName('prod db')).not.toBe(foldName('prod  db'));
    expect(foldName('Café')).not.toBe(foldName('Cafe'));
  });
});
