import { UsageError } from '../errors.js';
import { parseMaps, withMapHints } from './env-maps.js';

it('reads VAR=TYPE and VAR=-, and refuses anything else naming the variable only', () => {
  expect(parseMaps(['STRIPE_SECRET_KEY=api_key', 'OPENAI_API_KEY=-'])).toEqual([
    ['STRIPE_SECRET_KEY', 'api_key'],
    ['OPENAI_API_KEY', '-'],
  ]);
  expect(() => parseMaps(['nope'])).toThrow(UsageError);
  expect(() => parseMaps(['KEY=sk-live-value'])).toThrow('--map expects VAR=TYPE or VAR=-, e.g. --map STRIPE_KEY=api_key (got "KEY")');
});

it('names --map where a skipped variable could be mapped, and only there', () => {
  const plan = withMapHints({
    entries: [],
    skipped: [
      { source: 'LOG_LEVEL', reason: 'not a known credential', mappable: true },
      { source: 'REDIS_URL', reason: 'no password in the URL: nothing secret to keep' },
    ],
  });
  expect(plan.skipped).toEqual([
    { source: 'LOG_LEVEL', reason: 'not a known credential: --map VAR=TYPE imports it' },
    { source: 'REDIS_URL', reason: 'no password in the URL: nothing secret to keep' },
  ]);
});
