import { MAX_JSON_DEPTH, parseJsonBody, textProblem } from './request-input.js';

describe('textProblem', () => {
  it.each(['plain', 'tab\tand\r\nbreaks', 'pair 🔑', ''])('takes %j', (text) => expect(textProblem(text)).toBeUndefined());
  it.each(['a\u0000b', '\u0007', '\u001b[31m', '\ud800', 'x\udc00', '\udc00\ud800'])('refuses %j', (text) =>
    expect(textProblem(text)).toBeDefined(),
  );
});

describe('parseJsonBody', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('parses nesting up to the limit and refuses one level more', () => {
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH + 1))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('does not count brackets inside strings', () => {
    expect(parseJsonBody(JSON.stringify({ note: '['.repeat(1000) }))).toEqual({ note: '['.repeat(1000) });
  });

  it('refuses broken JSON without quoting it', () => {
    let error: unknown;
    try {
      parseJsonBody('{"secret": "sk-quoted-nowhere"');
    } catch (caught) {
      error = caught;
    }
    expect(JSON.stringify(error)).not.toContain('sk-quoted-nowhere');
    expect((error as Error).message).not.toContain('sk-quoted-nowhere');
  });

  it('names the field of a bad string by its path, and an odd key only as (key)', () => {
    expect(() => parseJsonBody('{"extra": {"host": "a\\u0000", "the key\\u0000": 1}}')).toThrow(
      expect.objectContaining({
        details: [
          { field: 'extra.host', message: expect.any(String) },
          { field: 'extra.(key)', message: expect.stringContaining('key') },
        ],
      }),
    );
  });
});
