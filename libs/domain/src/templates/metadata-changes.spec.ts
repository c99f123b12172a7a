import type { CredentialMetadata } from '../credentials/types.js';
import { validateMetadataChanges, validateSecret } from './validate.js';

const postgres: CredentialMetadata = {
  name: 'db/main',
  username: 'app',
  host: 'db.internal',
  purpose: null,
  extra: { port: 5432, database: 'app', sslmode: 'prefer' },
  labels: [],
  description: null,
  expiresAt: null,
};
const proxmox: CredentialMetadata = {
  ...postgres,
  name: 'pve',
  username: 'automation',
  extra: { port: 8006, realm: 'pam', verify_tls: true, auth_method: 'api_token', token_name: 'ci' },
};

describe('validateMetadataChanges', () => {
  it('accepts a partial change whose merged result is valid', () => {
    expect(validateMetadataChanges('postgres', postgres, { purpose: 'reports', labels: ['env:prod'] })).toEqual([]);
    expect(validateMetadataChanges('postgres', postgres, { extra: { port: '6432', database: 'app' } })).toEqual([]);
  });

  it('refuses the secret and points to rotate', () => {
    expect(validateMetadataChanges('postgres', postgres, { secret: 'new-pass' })).toEqual([
      { field: 'secret', message: 'secret: cannot be changed here; use rotate (POST /v1/credentials/{id}/rotate)' },
    ]);
  });

  it('refuses type and unknown fields', () => {
    const issues = validateMetadataChanges('postgres', postgres, { type: 'mysql', status: 'inactive' });
    expect(issues.map((issue) => issue.field)).toEqual(['type', 'status']);
    expect(issues[1]?.message).toBe('status: unknown field; one of name, username, host, purpose, extra, labels, description, expiresAt');
  });

  it('validates the merged result against the template', () => {
    const issues = validateMetadataChanges('postgres', postgres, { name: '', host: null, extra: { port: 0, database: 'app' } });
    expect(issues.map((issue) => issue.field)).toEqual(['name', 'host', 'extra.port']);
  });

  it('refuses a choice that would change which secret the credential holds', () => {
    const issues = validateMetadataChanges('proxmox', proxmox, { extra: { ...proxmox.extra, auth_method: 'password' } });
    expect(issues).toEqual([
      {
        field: 'extra.auth_method',
        message: "extra.auth_method: changing it to 'password' needs a new Password: send it with PUT /v1/credentials/{id}",
      },
    ]);
  });

  it('answers a non-object body with one issue', () => {
    expect(validateMetadataChanges('postgres', postgres, [])).toEqual([{ field: 'body', message: 'body: must be a JSON object' }]);
  });
});

describe('validateSecret', () => {
  it('checks a new secret against the template and the current settings', () => {
    expect(validateSecret('openai', {}, 'sk-proj-abcdefghijklmnopqrstuvwxyz')).toEqual([]);
    expect(validateSecret('openai', {}, 'abc-abcdefghijklmnopqrstuvwxyz')).toEqual([
      { field: 'secret', message: 'secret: OpenAI API keys start with sk-' },
    ]);
    expect(validateSecret('proxmox', proxmox.extra, 'a password')).toEqual([
      { field: 'secret', message: 'secret: must be the UUID shown once when the token was created' },
    ]);
    expect(validateSecret('proxmox', { ...proxmox.extra, auth_method: 'password' }, 'a password')).toEqual([]);
  });

  it('requires the secret and a known type', () => {
    expect(validateSecret('postgres', postgres.extra, undefined)).toEqual([{ field: 'secret', message: 'secret: Password is required' }]);
    expect(validateSecret('nope', {}, 'x').map((issue) => issue.field)).toEqual(['type']);
  });
});
