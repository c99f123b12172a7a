import type { FieldIssue } from '../errors.js';
import { normalizeCredentialInput } from './normalize.js';
import type { CredentialInput } from './types.js';
import { validateCredentialInput } from './validate.js';

// The fields the seed types take in the shape older clients send them:
// settings such as the host in `extra`, their own names for URLs, a database
// login as a password with its parts.
const create = (input: CredentialInput) => validateCredentialInput(input, { mode: 'create' });
const fields = (issues: FieldIssue[]) => issues.map((issue) => issue.field);
const messageFor = (issues: FieldIssue[], field: string) => issues.find((issue) => issue.field === field)?.message;
const PEM = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----\n';

describe('ssh', () => {
  const body = {
    name: 'prod-ssh',
    type: 'ssh',
    username: 'ubuntu',
    secret: 'ssh_private_key_content_or_password',
    extra: { host: 'server.example.com', port: 22, auth_method: 'key' },
  };

  it('given the host, port and auth_method key in extra, when created, then it is valid and the host is the credential host', () => {
    expect(create(body)).toEqual([]);
    const { metadata } = normalizeCredentialInput(body);
    expect(metadata.host).toBe('server.example.com');
    expect(metadata.extra).toEqual({ host: 'server.example.com', port: 22, auth_method: 'key' });
  });

  it('given auth_method private_key, when the secret is not a PEM key, then the key format is still checked', () => {
    expect(fields(create({ ...body, extra: { ...body.extra, auth_method: 'private_key' } }))).toEqual(['secret']);
    expect(create({ ...body, secret: PEM, extra: { ...body.extra, auth_method: 'private_key' } })).toEqual([]);
  });

  it('given auth_method password, when created, then any single-line password is taken', () => {
    expect(create({ ...body, secret: 'hunter2!', extra: { ...body.extra, auth_method: 'password' } })).toEqual([]);
  });

  it('given a host in extra and another at the top level, when created, then the extra one is refused', () => {
    const issues = create({ ...body, host: 'other.example.com' });
    expect(fields(issues)).toEqual(['extra.host']);
    expect(messageFor(issues, 'extra.host')).toBe('extra.host: differs from `host`; give the host once, or the same in both');
    expect(create({ ...body, host: 'server.example.com' })).toEqual([]);
  });

  it('given a host in extra that is not a host name, when created, then extra.host is named', () => {
    expect(fields(create({ ...body, extra: { ...body.extra, host: 'https://server.example.com/' } }))).toEqual(['extra.host']);
  });

  it('given no host anywhere, when created, then the host is required', () => {
    expect(messageFor(create({ ...body, extra: { auth_method: 'key' } }), 'host')).toBe('host: Host is required');
  });
});

describe('http_basic', () => {
  const body = {
    name: 'api-basic',
    type: 'http_basic',
    username: 'api_user',
    secret: 'api_password',
    extra: { base_url: 'https://api.example.com' },
  };

  it('given base_url in extra, when created, then it is the URL and is kept as sent', () => {
    expect(create(body)).toEqual([]);
    expect(normalizeCredentialInput(body).metadata.extra).toEqual({ base_url: 'https://api.example.com' });
  });

  it('given a base_url that is not an http(s) URL, when created, then it is refused under the name it was sent as', () => {
    expect(messageFor(create({ ...body, extra: { base_url: 'ftp://x' } }), 'extra.base_url')).toMatch(
      /^extra.base_url: must be an http\(s\) URL/,
    );
  });
});

describe('bearer_token', () => {
  const body = {
    name: 'github-token',
    type: 'bearer_token',
    secret: 'ghp_xxxxxxxxxxxxxxxxxxxx',
    extra: { api_url: 'https://api.github.com' },
  };

  it('given api_url in extra, when created, then it is valid and kept beside the header defaults', () => {
    expect(create(body)).toEqual([]);
    expect(normalizeCredentialInput(body).metadata.extra).toEqual({
      api_url: 'https://api.github.com',
      header: 'Authorization',
      scheme: 'Bearer',
    });
  });
});

describe('db_dsn', () => {
  const parts = {
    name: 'prod-db',
    type: 'db_dsn',
    username: 'db_admin',
    secret: 'db_password',
    extra: { host: 'db.example.com', port: 5432, database: 'prod_db', driver: 'postgresql' },
  };

  it('given a password with host, port, database and driver, when created, then it is a password credential', () => {
    expect(create(parts)).toEqual([]);
    const { metadata } = normalizeCredentialInput(parts);
    expect(metadata.host).toBe('db.example.com');
    expect(metadata.username).toBe('db_admin');
    expect(metadata.extra).toEqual({ ...parts.extra, secret_format: 'password' });
  });

  it('given a password without a host, when created, then the host is required', () => {
    expect(messageFor(create({ ...parts, extra: { database: 'prod_db' } }), 'host')).toBe(
      'host: Host is required when secret_format is password',
    );
  });

  it('given a whole DSN, when created, then it needs no host and keeps the driver default', () => {
    const dsn = { name: 'legacy', type: 'db_dsn', secret: 'postgres://app:s3cret@db.example.com:5432/app' };
    expect(create(dsn)).toEqual([]);
    expect(normalizeCredentialInput(dsn).metadata.extra).toEqual({ secret_format: 'dsn', driver: 'postgres' });
  });

  it('given secret_format dsn, when the secret is not a URL, then the connection string is refused', () => {
    expect(messageFor(create({ ...parts, extra: { ...parts.extra, secret_format: 'dsn' } }), 'secret')).toBe(
      'secret: must be a URL such as postgres://user:password@host:5432/db',
    );
  });

  it('given a driver nobody knows, when created, then it names the accepted spellings', () => {
    expect(messageFor(create({ ...parts, extra: { ...parts.extra, driver: 'oracle' } }), 'extra.driver')).toBe(
      'extra.driver: must be one of postgres, postgresql, mysql, mariadb, sqlserver, mssql, mongodb, mongo, other',
    );
  });

  it('given a stored password credential, when its metadata changes without a secret, then it stays a password credential', () => {
    const { metadata } = normalizeCredentialInput(parts);
    const patched = normalizeCredentialInput({ ...metadata, type: 'db_dsn', extra: { ...metadata.extra, database: 'other' } });
    expect(patched.metadata.extra).toMatchObject({ secret_format: 'password', database: 'other' });
  });
});

describe('api_key', () => {
  const body = { name: 'openai-key', type: 'api_key', secret: 'sk-xxxxxxxxxxxxxxxxxxxx', extra: { provider: 'openai', model: 'gpt-4' } };

  it('given provider and model, when created, then both are kept', () => {
    expect(create(body)).toEqual([]);
    expect(normalizeCredentialInput(body).metadata.extra).toEqual({ provider: 'openai', model: 'gpt-4', header: 'X-API-Key' });
  });
});

describe('custom', () => {
  it('given a host in extra, when created, then it is the credential host and stays in extra', () => {
    const body = { name: 'c', type: 'custom', secret: 's', extra: { host: 'svc.example.com', endpoint: 'https://svc.example.com' } };
    expect(create(body)).toEqual([]);
    const { metadata } = normalizeCredentialInput(body);
    expect(metadata.host).toBe('svc.example.com');
    expect(metadata.extra).toEqual(body.extra);
  });
});

describe('service templates', () => {
  it('winrm takes the account domain', () => {
    const body = {
      name: 'w',
      type: 'winrm',
      host: '192.168.50.211',
      username: 'Administrator',
      secret: 'SecurePass123',
      extra: { domain: 'CORP' },
    };
    expect(create(body)).toEqual([]);
  });

  it('openai and anthropic take a default model; openai an organization', () => {
    expect(
      create({
        name: 'o',
        type: 'openai',
        secret: 'sk-proj-abcdefghijklmnopqrstuvwxyz',
        extra: { model: 'gpt-4-turbo', organization: 'org-abc' },
      }),
    ).toEqual([]);
    expect(
      create({ name: 'a', type: 'anthropic', secret: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz', extra: { model: 'claude-3-opus' } }),
    ).toEqual([]);
  });

  it('proxmox takes a user with its realm, and still refuses a token id in it', () => {
    const body = {
      name: 'pve',
      type: 'proxmox',
      host: '192.168.1.100',
      username: 'root@pam',
      secret: '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f',
      extra: { token_name: 'glassdome-token' },
    };
    expect(create(body)).toEqual([]);
    expect(fields(create({ ...body, username: 'root@pam!ci' }))).toEqual(['username']);
  });
});

describe('additional_data', () => {
  it('every template takes a free object of notes', () => {
    const body = {
      name: 'w',
      type: 'winrm',
      host: 'h',
      username: 'u',
      secret: 'p',
      extra: { additional_data: { notes: 'Production server', rack: 4 } },
    };
    expect(create(body)).toEqual([]);
    expect(normalizeCredentialInput(body).metadata.extra).toMatchObject({ additional_data: { notes: 'Production server', rack: 4 } });
  });

  it('refuses anything but an object, and secret-named keys inside it', () => {
    const base = { name: 'p', type: 'postgres', host: 'db', username: 'app', secret: 'pw' };
    expect(messageFor(create({ ...base, extra: { additional_data: 'notes' } }), 'extra.additional_data')).toBe(
      'extra.additional_data: must be a JSON object, e.g. {"notes": "…"}',
    );
    expect(
      fields(create({ ...base, extra: { additional_data: { notes: 'x', admin_password: 'leak', nested: [{ token: 'x' }] } } })),
    ).toEqual(['extra.additional_data.admin_password', 'extra.additional_data.nested.0.token']);
  });
});

describe('unknown settings', () => {
  it('are still refused, naming the allowed ones with their accepted spellings', () => {
    expect(
      messageFor(create({ name: 'h', type: 'http_basic', username: 'u', secret: 'p', extra: { endpoint: 'https://x' } }), 'extra.endpoint'),
    ).toBe("extra.endpoint: unknown setting for type 'http_basic'; allowed: url, additional_data, base_url");
  });
});

describe('normalising a seed-shaped body', () => {
  const bodies: CredentialInput[] = [
    { name: 's', type: 'ssh', username: 'u', secret: 'k', extra: { host: 'h.example.com', port: 22, auth_method: 'key' } },
    { name: 'd', type: 'db_dsn', username: 'u', secret: 'pw', extra: { host: 'db.example.com', port: 5432, database: 'prod_db' } },
    { name: 'c', type: 'custom', secret: 's', extra: { host: 'h', service_type: 'custom_api' } },
  ];

  it.each(bodies.map((body) => [body.type, body] as const))(
    '%s: the stored shape validates again and normalises to itself',
    (_type, body) => {
      const { credentialType, metadata, secret } = normalizeCredentialInput(body);
      const again: CredentialInput = { ...metadata, type: credentialType, secret };
      expect(create(again)).toEqual([]);
      expect(normalizeCredentialInput(again).metadata).toEqual(metadata);
    },
  );
});
