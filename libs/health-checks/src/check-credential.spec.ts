import { checkCredential } from './check-credential.js';
import { REDACTED } from './scrub.js';
import { TestFailure, type TestTarget, type Tester } from './tester.js';

const target: TestTarget = { type: 'custom', username: 'app', host: null, extra: {}, secret: 'S3cr3t/Value+With=Symbols' };

describe('checkCredential', () => {
  it('reports success with the time it took', async () => {
    expect(await checkCredential(target, 1000, async () => {})).toEqual({ ok: true, durationMs: expect.any(Number) });
  });

  it('keeps a TestFailure message and marks any other error as unexpected', async () => {
    const failing: Tester = async () => {
      throw new TestFailure('connection refused by db:5432');
    };
    expect(await checkCredential(target, 1000, failing)).toMatchObject({ ok: false, error: 'connection refused by db:5432' });
    const crashing: Tester = async () => {
      throw new TypeError('x is not a function');
    };
    expect(await checkCredential(target, 1000, crashing)).toMatchObject({ ok: false, error: 'unexpected error: x is not a function' });
  });

  it('scrubs every form of the secret a driver might echo, as a last line of defence', async () => {
    const { secret } = target;
    const leaky: Tester = async () => {
      const forms = [
        secret,
        encodeURIComponent(secret),
        Buffer.from(`app:${secret}`).toString('base64'),
        Buffer.from(secret).toString('base64'),
      ];
      throw new Error(`driver said: ${forms.join(' | ')}`);
    };
    const outcome = await checkCredential(target, 1000, leaky);
    expect(outcome).toMatchObject({
      ok: false,
      error: `unexpected error: driver said: ${[REDACTED, REDACTED, REDACTED, REDACTED].join(' | ')}`,
    });
  });

  it('scrubs the password of a DSN and each line of a multi-line secret', async () => {
    const dsn = { ...target, type: 'db_dsn', secret: 'postgres://app:p%40ss-Word-9@db:5432/app' };
    const echo: Tester = async (t) => {
      throw new Error(`bad: ${new URL(t.secret).password} and ${decodeURIComponent(new URL(t.secret).password)}`);
    };
    expect(await checkCredential(dsn, 1000, echo)).toMatchObject({ error: `unexpected error: bad: ${REDACTED} and ${REDACTED}` });
    const pem = { ...target, secret: '-----BEGIN KEY-----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\n-----END KEY-----' };
    const line: Tester = async () => {
      throw new Error('cannot parse AAAAB3NzaC1yc2EAAAADAQABAAABAQ');
    };
    expect(await checkCredential(pem, 1000, line)).toMatchObject({ error: `unexpected error: cannot parse ${REDACTED}` });
  });

  it('gives up on a tester that never answers', async () => {
    const hanging: Tester = () => new Promise(() => {});
    expect(await checkCredential(target, 50, hanging)).toMatchObject({ ok: false, error: 'timed out after 1.1 s' });
  });

  it('fails a credential no check applies to', async () => {
    expect(await checkCredential(target, 1000, undefined)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^no health check applies/),
    });
  });
});
