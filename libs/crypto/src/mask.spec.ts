import fc from 'fast-check';
import { MASKED, maskSecret } from './mask.js';

/** Splits a preview into the revealed head and tail, or null for the full mask. */
function revealed(preview: string): { head: string[]; tail: string[] } | null {
  if (preview === MASKED) return null;
  const chars = Array.from(preview);
  expect(chars.at(-5)).toBe('…');
  return { head: chars.slice(0, -5), tail: chars.slice(-4) };
}

function assertSafePreview(secret: string): void {
  const chars = Array.from(secret);
  const parts = revealed(maskSecret(secret));
  if (parts === null) return;
  expect(chars.slice(0, parts.head.length)).toEqual(parts.head);
  expect(chars.slice(-4)).toEqual(parts.tail);
  expect((parts.head.length + parts.tail.length) * 4).toBeLessThanOrEqual(chars.length);
}

describe('maskSecret', () => {
  it.each([
    ['an OpenAI key', `sk-1${'x'.repeat(40)}5678`, 'sk-1…5678'],
    ['a project-scoped OpenAI key', `sk-proj-Ab${'x'.repeat(50)}wxyz`, 'sk-proj-A…wxyz'],
    ['an Anthropic key', `sk-ant-api03-${'y'.repeat(90)}AAAA`, 'sk-ant-a…AAAA'],
    ['a Hugging Face token', `hf_Q${'z'.repeat(30)}9876`, 'hf_Q…9876'],
    ['a GitHub token', `ghp_R${'w'.repeat(31)}4321`, 'ghp_R…4321'],
    ['a secret without prefix', 'abcdefghijklmnopqrst', 'a…qrst'],
    ['a separator past the first 8 characters', `abcdefgh-${'q'.repeat(20)}1234`, 'a…1234'],
  ])('shows %s as prefix + 1 character … last 4', (_name, secret, expected) => {
    expect(maskSecret(secret)).toBe(expected);
  });

  it.each([
    ['an empty secret', ''],
    ['a 15-character secret', 'abcdefghijklmno'],
    ['a 16-character secret (a preview would show 5 of 16)', 'abcdefghijklmnop'],
    ['a short OpenAI-looking key', `sk-1${'x'.repeat(20)}5678`],
    ['a prefix too long for the length', `sk-ant-${'x'.repeat(30)}`],
  ])('masks %s completely', (_name, secret) => {
    expect(maskSecret(secret)).toBe(MASKED);
  });

  it('counts code points, never splitting a surrogate pair', () => {
    const secret = `${'🔑'.repeat(16)}abcd`;
    expect(maskSecret(secret)).toBe('🔑…abcd');
  });

  it('never reveals more than 25% of any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (secret) => assertSafePreview(secret)),
      { numRuns: 2000 },
    );
  });

  it('never reveals more than 25% of key-shaped strings (property)', () => {
    const prefix = fc.constantFrom('', 'sk-', 'sk-ant-', 'sk-proj-', 'hf_', 'ghp_', '-', '_______', 'a-b_c-d_');
    const body = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_…'), maxLength: 120 });
    fc.assert(
      fc.property(prefix, body, (head, rest) => assertSafePreview(head + rest)),
      { numRuns: 2000 },
    );
  });

  it('masks everything shorter than 16 characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 15 }), (secret) => {
        fc.pre(Array.from(secret).length < 16);
        expect(maskSecret(secret)).toBe(MASKED);
      }),
    );
  });
});
