import type { RecordedEvent } from '#event-store';
import { usageOf } from './usage.js';

const a = '6f1c2a7e-3b9d-4e51-8a0f-2d4c6b8e1f30';
const b = '0a7b3c9d-1e2f-4a5b-8c6d-7e8f9a0b1c2d';

function revealed(credentialId: unknown, at: string | undefined, type = 'SecretRevealed'): RecordedEvent {
  return {
    globalPosition: 1,
    transactionId: '1',
    eventId: 'e',
    streamId: `credential-access-${String(credentialId)}`,
    streamType: 'credential_access',
    streamVersion: null,
    tenant: 'acme',
    type,
    data: { credentialId, at, actor: 'svc', via: 'reveal' },
    metadata: {},
    recordedAt: new Date('2026-01-01T00:00:09.000Z'),
    hash: '',
    prevHash: null,
  };
}

describe('usageOf', () => {
  it('keeps the latest use and counts every reveal and lookup per credential, whatever their order', () => {
    const usage = usageOf([
      revealed(a, '2026-01-01T00:00:05.000Z'),
      revealed(b, '2026-01-01T00:00:01.000Z'),
      revealed(a, '2026-01-01T00:00:03.000Z'),
    ]);
    expect(usage).toEqual(
      new Map([
        [a, { lastUsedAt: '2026-01-01T00:00:05.000Z', reveals: 2 }],
        [b, { lastUsedAt: '2026-01-01T00:00:01.000Z', reveals: 1 }],
      ]),
    );
  });

  it('ignores other events and ids that are not credential ids; falls back to the recording time', () => {
    const usage = usageOf([revealed(a, undefined), revealed(a, 'x', 'AccessDenied'), revealed(null, 'x'), revealed('../x', 'x')]);
    expect(usage).toEqual(new Map([[a, { lastUsedAt: '2026-01-01T00:00:09.000Z', reveals: 1 }]]));
  });
});
