import { normalizeCredentialInput } from './normalize.js';

describe('normalizeCredentialInput', () => {
  it('applies template defaults, trims text and coerces numeric strings', () => {
    const result = normalizeCredentialInput({
      type: ' postgres ',
      name: ' db/main ',
      host: ' db.internal ',
      username: ' app ',
      purpose: '   ',
      secret: '  pass with spaces  ',
      extra: { port: ' 6432 ' },
      description: ' main db ',
    });
    expect(result).toEqual({
      credentialType: 'postgres',
      metadata: {
        name: 'db/main',
        username: 'app',
        host: 'db.internal',
        purpose: null,
        extra: { port: 6432, database: 'postgres', sslmode: 'prefer' },
        labels: [],
        description: 'main db',
        expiresAt: null,
      },
      secret: '  pass with spaces  ',
    });
  });

  it('keeps only the settings of the active branch of a choice', () => {
    const { metadata } = normalizeCredentialInput({
      type: 'proxmox',
      name: 'pve',
      host: 'pve1',
      username: 'root',
      secret: 'pw',
      extra: { auth_method: 'password', token_name: 'stale' },
    });
    expect(metadata.extra).toEqual({ port: 8006, realm: 'pam', verify_tls: true, auth_method: 'password' });
  });

  it('drops blank optional settings and keeps custom free-form ones as sent', () => {
    const openai = normalizeCredentialInput({ type: 'openai', name: 'o', secret: 'sk-x', extra: { organization: ' ', project: 'proj_1' } });
    expect(openai.metadata.extra).toEqual({ project: 'proj_1', base_url: 'https://api.openai.com/v1' });
    const custom = normalizeCredentialInput({ type: 'custom', name: 'c', secret: 's', extra: { nested: { a: [1, null] }, note: ' x ' } });
    expect(custom.metadata.extra).toEqual({ nested: { a: [1, null] }, note: ' x ' });
  });

  it('de-duplicates labels in order and writes expiresAt in canonical UTC', () => {
    const { metadata } = normalizeCredentialInput({
      type: 'custom',
      name: 'c',
      secret: 's',
      labels: ['b', 'a', 'b'],
      expiresAt: '2027-01-31T09:30:00+02:00',
    });
    expect(metadata.labels).toEqual(['b', 'a']);
    expect(metadata.expiresAt).toBe('2027-01-31T07:30:00.000Z');
  });

  it('leaves the secret undefined when none was sent', () => {
    expect(normalizeCredentialInput({ type: 'custom', name: 'c' }).secret).toBeUndefined();
  });
});
