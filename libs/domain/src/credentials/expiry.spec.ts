import { decide } from './decide.js';
import { evolve, foldCredential } from './evolve.js';
import type { CommandMetadata, CredentialEvent, CredentialMetadata, RemindExpiry } from './types.js';

const id = 'cred-1';
const expiresAt = '2026-03-31T00:00:00.000Z';
const DAY = 86_400;
const metadata: CredentialMetadata = {
  name: 'api',
  username: null,
  host: null,
  purpose: null,
  extra: {},
  labels: [],
  description: null,
  expiresAt,
};
const registered: CredentialEvent = {
  type: 'CredentialRegistered',
  data: {
    credentialId: id,
    actor: 'alice',
    at: '2026-01-01T00:00:00.000Z',
    tenant: 't1',
    credentialType: 'api_key',
    metadata,
    secretVersion: 1,
    secret: { ciphertext: 'kl1.d.n.c', dekId: 'd', preview: '••••' },
  },
};

const at = (now: string): CommandMetadata => ({ actor: 'system:worker', now });
const remind = (threshold: string, seconds: number, now: string, expiry = expiresAt): RemindExpiry => ({
  type: 'RemindExpiry',
  data: { credentialId: id, threshold, thresholdSeconds: seconds, expiresAt: expiry },
  metadata: at(now),
});

/** Applies each command in turn, as the worker would: the events of all of them. */
function run(history: CredentialEvent[], ...commands: RemindExpiry[]): CredentialEvent[] {
  let state = foldCredential(history);
  const out: CredentialEvent[] = [];
  for (const command of commands) {
    for (const event of decide(command, state)) {
      out.push(event);
      state = evolve(state, event);
    }
  }
  return out;
}

describe('expiry reminders (decide)', () => {
  it('records a due threshold once, with the threshold and expiry date, and nothing on a second run', () => {
    const events = run([registered], remind('7d', 7 * DAY, '2026-03-24T00:00:00.000Z'), remind('7d', 7 * DAY, '2026-03-24T01:00:00.000Z'));
    expect(events).toEqual([
      {
        type: 'CredentialExpiryReminded',
        data: {
          credentialId: id,
          actor: 'system:worker',
          at: '2026-03-24T00:00:00.000Z',
          threshold: '7d',
          thresholdSeconds: 7 * DAY,
          expiresAt,
        },
      },
    ]);
  });

  it('records nothing before the threshold is reached', () => {
    expect(run([registered], remind('7d', 7 * DAY, '2026-03-23T23:59:59.999Z'))).toEqual([]);
  });

  it('sends each threshold in turn, then CredentialExpired at 0', () => {
    const events = run(
      [registered],
      remind('30d', 30 * DAY, '2026-03-01T00:00:00.000Z'),
      remind('7d', 7 * DAY, '2026-03-24T00:00:00.000Z'),
      remind('1d', DAY, '2026-03-30T00:00:00.000Z'),
      remind('0', 0, '2026-03-31T00:00:00.000Z'),
    );
    expect(events.map((e) => (e.type === 'CredentialExpiryReminded' ? e.data.threshold : e.type))).toEqual([
      '30d',
      '7d',
      '1d',
      'CredentialExpired',
    ]);
    expect(events[3]!.data).toEqual({ credentialId: id, actor: 'system:worker', at: '2026-03-31T00:00:00.000Z', expiresAt });
  });

  it('never sends a less urgent threshold after a more urgent one (a late run)', () => {
    const late = run(
      [registered],
      remind('1d', DAY, '2026-03-30T12:00:00.000Z'),
      remind('7d', 7 * DAY, '2026-03-30T12:00:00.000Z'),
      remind('30d', 30 * DAY, '2026-03-30T12:00:00.000Z'),
    );
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ type: 'CredentialExpiryReminded', data: { threshold: '1d' } });
  });

  it('ignores a job for an expiry date that has changed since the scan, and re-arms every threshold for the new one', () => {
    const moved: CredentialEvent = {
      type: 'CredentialMetadataChanged',
      data: { credentialId: id, actor: 'alice', at: '2026-03-25T00:00:00.000Z', changes: { expiresAt: '2026-04-30T00:00:00.000Z' } },
    };
    const first = run([registered], remind('7d', 7 * DAY, '2026-03-24T00:00:00.000Z'));
    const history = [registered, ...first, moved];
    expect(run(history, remind('1d', DAY, '2026-03-30T00:00:00.000Z'))).toEqual([]);
    expect(run(history, remind('7d', 7 * DAY, '2026-04-23T00:00:00.000Z', '2026-04-30T00:00:00.000Z'))).toHaveLength(1);
  });

  it('reminds only active credentials and leaves updatedAt/updatedBy alone', () => {
    const deactivated: CredentialEvent = {
      type: 'CredentialDeactivated',
      data: { credentialId: id, actor: 'alice', at: '2026-02-01T00:00:00.000Z' },
    };
    expect(run([registered, deactivated], remind('0', 0, '2026-04-01T00:00:00.000Z'))).toEqual([]);
    const [expired] = run([registered], remind('0', 0, '2026-04-01T00:00:00.000Z'));
    const state = foldCredential([registered, expired!]);
    expect(state).toMatchObject({
      updatedBy: 'alice',
      updatedAt: '2026-01-01T00:00:00.000Z',
      expiryReminder: { expiresAt, downToSeconds: 0 },
    });
  });
});
