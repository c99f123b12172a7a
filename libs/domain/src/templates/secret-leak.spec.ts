import fc from 'fast-check';
import type { FieldIssue } from '../errors.js';
import { validateCredentialInput, validateSecret } from './validate.js';

const PREFIXED: [type: string, prefix: string][] = [
  ['openai', 'sk-'],
  ['anthropic', 'sk-ant-'],
  ['huggingface', 'hf_'],
  ['github', 'ghp_'],
];

// At least 12 characters so a secret cannot match a message by accident.
const secretText = fc.string({ minLength: 12, maxLength: 200, unit: 'grapheme' });

function expectNoLeak(issues: FieldIssue[], secret: string): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) expect(issue.message).not.toContain(secret);
}

describe('issue messages never contain the secret', () => {
  it('for random secrets with a wrong key prefix', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXED), secretText, ([type, prefix], secret) => {
        fc.pre(!secret.startsWith(prefix) && !secret.startsWith('github_pat_'));
        const issues = validateCredentialInput({ type, name: 'k', secret }, { mode: 'create' });
        expect(issues.map((issue) => issue.field)).toContain('secret');
        expectNoLeak(issues, secret);
        expectNoLeak(validateSecret(type, {}, secret), secret);
      }),
      { numRuns: 300 },
    );
  });

  it('for random secrets that fail a pattern, contain a line break or sit in extra', () => {
    fc.assert(
      fc.property(secretText, (secret) => {
        expectNoLeak(validateSecret('aws', {}, `${secret}!`), `${secret}!`);
        expectNoLeak(validateSecret('postgres', {}, `${secret}\n`), `${secret}\n`);
        const issues = validateCredentialInput(
          { type: 'custom', name: 'k', secret: 'ok-secret', extra: { api_key: secret } },
          { mode: 'create' },
        );
        expectNoLeak(issues, secret);
      }),
      { numRuns: 200 },
    );
  });
});
