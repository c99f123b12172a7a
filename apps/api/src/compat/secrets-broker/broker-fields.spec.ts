import type { CredentialState } from '#domain';
import { brokerCredentialName, brokerExtraOf, createFields, updateFields } from './broker-fields.js';
import type { BrokerUpsertDto } from './secrets-broker.dto.js';

const body = (fields: Partial<BrokerUpsertDto> = {}): BrokerUpsertDto => ({
  host: '192.168.50.211',
  purpose: 'winrm',
  password: 'SecurePass123',
  ...fields,
});

const stored = (extra: Record<string, unknown>): CredentialState =>
  ({ status: 'active', metadata: { extra } }) as unknown as CredentialState;

describe('brokerCredentialName', () => {
  it('names a credential "<purpose> on <host>", host and purpose as sent', () => {
    expect(brokerCredentialName('192.168.50.211', 'winrm')).toBe('winrm on 192.168.50.211');
    expect(brokerCredentialName('[fe80::1]:5986', 'winrm')).toBe('winrm on [fe80::1]:5986');
    expect(brokerCredentialName('db', '_backup job')).toBe('_backup job on db');
  });

  it('leaves out what names may not hold', () => {
    expect(brokerCredentialName('db\u0000.internal', 'ssh\u200b\n')).toBe('ssh on db .internal');
  });

  it('keeps a suffix within the 200-character limit', () => {
    const name = brokerCredentialName('h'.repeat(300), 'ssh', '0a1b2c3d');
    expect(name).toHaveLength(200);
    expect(name.endsWith('h (0a1b2c3d)')).toBe(true);
  });
});

describe('createFields', () => {
  it('puts domain and additional_data in extra of a custom credential, and leaves out what was not sent', () => {
    expect(createFields(body({ username: 'Administrator', domain: 'CORP', additional_data: { notes: 'x' } }), 'n')).toEqual({
      name: 'n',
      type: 'custom',
      host: '192.168.50.211',
      purpose: 'winrm',
      secret: 'SecurePass123',
      username: 'Administrator',
      extra: { domain: 'CORP', additional_data: { notes: 'x' } },
    });
    expect(createFields(body(), 'n')).not.toHaveProperty('extra');
  });
});

describe('updateFields', () => {
  it('rotates the secret and keeps the fields the body leaves out, and other settings of extra', () => {
    expect(updateFields(stored({ domain: 'CORP', port: 5986 }), body())).toEqual({ secret: 'SecurePass123' });
    expect(updateFields(stored({ domain: 'CORP', port: 5986 }), body({ additional_data: { a: 1 } }))).toEqual({
      secret: 'SecurePass123',
      extra: { domain: 'CORP', port: 5986, additional_data: { a: 1 } },
    });
  });

  it('clears a field sent as null', () => {
    expect(updateFields(stored({ domain: 'CORP' }), body({ domain: null, username: null }))).toEqual({
      secret: 'SecurePass123',
      username: null,
      extra: {},
    });
  });
});

describe('brokerExtraOf', () => {
  it('answers null and {} for what a credential does not have', () => {
    expect(brokerExtraOf({})).toEqual({ domain: null, additional_data: {} });
    expect(brokerExtraOf({ domain: 'CORP', additional_data: { notes: 'n' } })).toEqual({ domain: 'CORP', additional_data: { notes: 'n' } });
  });
});
