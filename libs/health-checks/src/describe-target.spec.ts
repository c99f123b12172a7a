import { describeTarget } from './describe-target.js';

const input = (over: Partial<Parameters<typeof describeTarget>[0]>) => ({ type: 'custom', username: null, host: null, extra: {}, ...over });

describe('describeTarget', () => {
  it('names host and port', () => {
    expect(describeTarget(input({ type: 'postgres', host: 'db.internal', extra: { port: 5432 } }))).toBe('db.internal:5432');
  });

  it('names a URL without user info, query or fragment', () => {
    const extra = { url: 'https://user:pass@api.example.com/v1/check?key=abc#frag' };
    expect(describeTarget(input({ type: 'http_basic', extra }))).toBe('https://api.example.com/v1/check');
  });

  it('falls back to the bare host, else nothing', () => {
    expect(describeTarget(input({ host: 'box.internal' }))).toBe('box.internal');
    expect(describeTarget(input({ type: 'openai' }))).toBeNull();
  });
});
