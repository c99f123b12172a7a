import type { FieldIssue } from '../errors.js';
import type { CredentialInput } from './types.js';
import { validateCredentialInput } from './validate.js';

const postgres: CredentialInput = { type: 'postgres', name: 'db/main', host: 'db.internal', username: 'app', secret: 'pg-pass' };
const custom: CredentialInput = { type: 'custom', name: 'vendor', secret: 's3cret-value' };

const create = (input: CredentialInput) => validateCredentialInput(input, { mode: 'create' });
const fields = (issues: FieldIssue[]) => issues.map((issue) => issue.field);
const messageFor = (issues: FieldIssue[], field: string) => issues.find((issue) => issue.field === field)?.message;

describe('validateCredentialInput: common rules', () => {
  it('requires a name of 1–200 printable characters, spaces and non-ASCII letters included', () => {
    expect(messageFor(create({ ...postgres, name: undefined }), 'name')).toMatch(/^name: required: 1–200 characters/);
    expect(messageFor(create({ ...postgres, name: 42 }), 'name')).toMatch(/^name: must be a string: 1–200 characters/);
    expect(messageFor(create({ ...postgres, name: 'a\tb' }), 'name')).toBe(
      'name: must not contain control, format or line-separator characters; found U+0009 at character 2',
    );
    for (const name of ['a'.repeat(201), 'line\nbreak', 'bidi\u202Eoverride', 42]) {
      expect([name, fields(create({ ...postgres, name }))]).toEqual([name, ['name']]);
    }
    expect(create({ ...postgres, name: `A${'b'.repeat(199)}` })).toEqual([]);
    expect(create({ ...postgres, name: `  ${'b'.repeat(200)}  ` })).toEqual([]);
    for (const name of ['team_a/db-1.prod', 'Production PostgreSQL', '-leading', '.hidden', 'naïve', 'Base de données (prod)']) {
      expect([name, create({ ...postgres, name })]).toEqual([name, []]);
    }
  });

  it('requires a known type and lists the known ones', () => {
    expect(messageFor(create({ ...postgres, type: 'foo' }), 'type')).toMatch(
      /^type: unknown type 'foo'; one of ssh, http_basic, bearer_token, /,
    );
    expect(messageFor(create({ ...postgres, type: undefined }), 'type')).toMatch(/^type: required; one of ssh, /);
    expect(messageFor(create({ ...postgres, type: 7 }), 'type')).toMatch(/^type: must be a string; one of ssh, /);
  });

  it('requires a secret on create only', () => {
    expect(messageFor(create({ ...postgres, secret: undefined }), 'secret')).toBe('secret: Password is required');
    expect(validateCredentialInput({ ...postgres, secret: undefined }, { mode: 'update' })).toEqual([]);
    expect(messageFor(create({ ...postgres, type: 'nope', secret: undefined }), 'secret')).toBe('secret: required');
  });

  it('rejects an empty, non-string or over-64-KiB secret (counted in UTF-8 bytes)', () => {
    expect(fields(create({ ...custom, secret: '' }))).toEqual(['secret']);
    expect(fields(create({ ...custom, secret: '   ' }))).toEqual(['secret']);
    expect(fields(create({ ...custom, secret: 12345 }))).toEqual(['secret']);
    expect(create({ ...custom, secret: 'x'.repeat(65536) })).toEqual([]);
    expect(messageFor(create({ ...custom, secret: 'x'.repeat(65537) }), 'secret')).toMatch(/64 KiB/);
    expect(fields(create({ ...custom, secret: 'é'.repeat(32769) }))).toEqual(['secret']);
  });

  it('rejects a line break in a single-line secret but not in a multiline one', () => {
    expect(messageFor(create({ ...postgres, secret: 'pg-pass\n' }), 'secret')).toMatch(/single line/);
    expect(create({ ...custom, secret: 'line1\nline2\n' })).toEqual([]);
  });

  it('takes username, host and purpose as strings of at most 512 characters, or null', () => {
    const bad = create({ ...custom, username: 7, host: 'h'.repeat(513), purpose: ['x'] });
    expect(fields(bad)).toEqual(['username', 'host', 'purpose']);
    expect(messageFor(bad, 'host')).toBe('host: must be a string of at most 512 characters, or null');
    expect(create({ ...custom, username: null, host: null, purpose: null })).toEqual([]);
  });

  it('takes labels as up to 32 lowercase label strings', () => {
    expect(fields(create({ ...custom, labels: 'env:prod' }))).toEqual(['labels']);
    expect(fields(create({ ...custom, labels: Array.from({ length: 33 }, (_, i) => `l${i}`) }))).toEqual(['labels']);
    expect(fields(create({ ...custom, labels: ['env:prod', 'Env:Prod', 'team=core', '-x', 'a'.repeat(64)] }))).toEqual([
      'labels.1',
      'labels.3',
      'labels.4',
    ]);
    expect(create({ ...custom, labels: ['env:prod', 'team=core', 'tier.1', 'a'.repeat(63)] })).toEqual([]);
  });

  it('takes a description of at most 2000 characters', () => {
    expect(fields(create({ ...custom, description: 'd'.repeat(2001) }))).toEqual(['description']);
    expect(create({ ...custom, description: 'd'.repeat(2000) })).toEqual([]);
  });

  it('takes expiresAt only as a real ISO-8601 instant with a zone', () => {
    for (const expiresAt of ['tomorrow', '2027-01-31', '2027-13-01T00:00:00Z', '2027-02-30T00:00:00Z', '2027-01-31T00:00:00', 1700000000]) {
      expect([expiresAt, fields(create({ ...custom, expiresAt }))]).toEqual([expiresAt, ['expiresAt']]);
    }
    expect(create({ ...custom, expiresAt: '2027-01-31T09:30:00+02:00' })).toEqual([]);
    expect(create({ ...custom, expiresAt: null })).toEqual([]);
  });

  it('answers a non-object body with one issue', () => {
    expect(validateCredentialInput(null as unknown as CredentialInput, { mode: 'create' })).toEqual([
      { field: 'body', message: 'body: must be a JSON object' },
    ]);
  });
});

describe('validateCredentialInput: extra', () => {
  it('must be a plain object', () => {
    for (const extra of [[1], 'port=5432', 5]) {
      expect(messageFor(create({ ...custom, extra }), 'extra')).toMatch(/^extra: must be an object of non-secret settings/);
    }
  });

  it('holds at most 64 settings', () => {
    const extra = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]));
    expect(messageFor(create({ ...custom, extra }), 'extra')).toBe('extra: at most 64 settings; got 65');
  });

  it('holds only JSON values', () => {
    const issues = create({ ...custom, extra: { when: new Date(0), ratio: Number.NaN, ok: [1, 'a', null, { b: true }] } });
    expect(fields(issues)).toEqual(['extra.when', 'extra.ratio']);
  });

  it('allows unknown keys for custom only, naming the allowed ones otherwise', () => {
    expect(create({ ...custom, extra: { anything: 'goes' } })).toEqual([]);
    expect(messageFor(create({ ...postgres, extra: { schema: 'public' } }), 'extra.schema')).toBe(
      "extra.schema: unknown setting for type 'postgres'; allowed: port, database, sslmode, additional_data",
    );
    expect(messageFor(create({ ...postgres, extra: { host: 'x' } }), 'extra.host')).toBe(
      'extra.host: set it as the top-level `host` field, not in extra',
    );
  });

  it('refuses secrets in extra: template secret fields and secret-like names, nested too', () => {
    const issues = create({ ...postgres, extra: { password: 'leak' } });
    expect(messageFor(issues, 'extra.password')).toBe(
      'extra.password: put secrets in `secret`, never in `extra` (extra is stored and shown unencrypted)',
    );
    const names = ['db_password', 'apiKey', 'auth-token', 'client_secret', 'SSH_PRIVATE_KEY', 'passphrase'];
    const customIssues = create({
      ...custom,
      extra: { ...Object.fromEntries(names.map((n) => [n, 'v'])), nested: { deep: [{ token: 'v' }] } },
    });
    expect(fields(customIssues)).toEqual([...names.map((n) => `extra.${n}`), 'extra.nested.deep.0.token']);
    expect(create({ ...custom, extra: { token_name: 'ci', secret_name: 'db', access_key_id: 'AKIA' } })).toEqual([]);
  });
});

describe('validateCredentialInput: template fields', () => {
  it('requires the template fields', () => {
    const issues = create({ type: 'azure', name: 'azure/sp', secret: 'a-client-secret-value' });
    expect(issues).toEqual([
      { field: 'extra.tenant_id', message: 'extra.tenant_id: Tenant (directory) ID is required' },
      { field: 'username', message: 'username: Client (application) ID is required' },
    ]);
  });

  it('checks numbers, selects, booleans and URLs', () => {
    const portMessage = 'extra.port: must be a whole number between 1 and 65535';
    for (const port of [0, 70000, 1.5, 'abc', true]) {
      expect(messageFor(create({ ...postgres, extra: { port } }), 'extra.port')).toBe(portMessage);
    }
    expect(create({ ...postgres, extra: { port: '6432' } })).toEqual([]);
    expect(messageFor(create({ ...postgres, extra: { sslmode: 'strict' } }), 'extra.sslmode')).toBe(
      'extra.sslmode: must be one of disable, allow, prefer, require, verify-ca, verify-full',
    );
    expect(messageFor(create({ ...postgres, type: 'redis', username: null, extra: { tls: 'yes' } }), 'extra.tls')).toBe(
      'extra.tls: must be true or false',
    );
    for (const url of ['ftp://files.example.com', 'not a url', 42]) {
      expect(fields(create({ ...custom, type: 'http_basic', username: 'u', extra: { url } }))).toEqual(['extra.url']);
    }
  });

  it('checks patterns with a hint and key prefixes with the service name', () => {
    const aws = {
      type: 'aws',
      name: 'aws',
      username: 'AKIA123',
      secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      extra: { region: 'Europe' },
    };
    const issues = create(aws);
    expect(messageFor(issues, 'username')).toBe('username: must be 20 characters starting with AKIA');
    expect(messageFor(issues, 'extra.region')).toBe('extra.region: must be an AWS region code such as eu-west-1');
    expect(messageFor(create({ type: 'openai', name: 'o', secret: 'pk-abcdefghijklmnopqrstuvwxyz' }), 'secret')).toBe(
      'secret: OpenAI API keys start with sk-',
    );
    expect(messageFor(create({ type: 'github', name: 'g', secret: 'gho_abcdefghijklmnopqrstuvwxyz0123456789' }), 'secret')).toBe(
      'secret: GitHub personal access tokens start with ghp_ or github_pat_',
    );
    expect(messageFor(create({ type: 'anthropic', name: 'a', secret: 'sk-abcdefghijklmnopqrstuvwxyz' }), 'secret')).toBe(
      'secret: Anthropic API keys start with sk-ant-',
    );
    expect(messageFor(create({ type: 'huggingface', name: 'h', secret: 'hf_short' }), 'secret')).toBe(
      'secret: must be at least 20 characters',
    );
  });

  it('reports every bad field of one request at once', () => {
    const issues = create({
      type: 'postgres',
      name: 'bad\tname',
      host: 'https://db.internal/',
      username: 'app',
      extra: { port: 99999, sslmode: 'on', password: 'x', schema: 'public' },
      labels: ['OK'],
      expiresAt: 'soon',
    });
    expect(fields(issues).sort()).toEqual(
      ['name', 'host', 'labels.0', 'expiresAt', 'extra.port', 'extra.sslmode', 'extra.password', 'extra.schema', 'secret'].sort(),
    );
    for (const issue of issues) expect(issue.message.startsWith(`${issue.field}: `)).toBe(true);
  });
});

describe('validateCredentialInput: proxmox conditions', () => {
  const base = { type: 'proxmox', name: 'pve', host: 'pve1.example.com', username: 'automation' };
  const uuid = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';

  it('api_token (the default) requires token_name and a UUID token_value', () => {
    const issues = create({ ...base, secret: 'not-a-uuid' });
    expect(issues).toEqual([
      { field: 'extra.token_name', message: 'extra.token_name: Token ID is required when auth_method is api_token' },
      { field: 'secret', message: 'secret: must be the UUID shown once when the token was created' },
    ]);
    expect(create({ ...base, secret: uuid, extra: { auth_method: 'api_token', token_name: 'ci' } })).toEqual([]);
    expect(messageFor(create({ ...base, extra: { token_name: 'ci' } }), 'secret')).toBe(
      'secret: Token secret is required when auth_method is api_token',
    );
  });

  it('password needs no token_name and takes any password', () => {
    const password = { ...base, extra: { auth_method: 'password' } };
    expect(create({ ...password, secret: 'correct horse battery staple' })).toEqual([]);
    expect(messageFor(create(password), 'secret')).toBe('secret: Password is required when auth_method is password');
  });

  it('rejects an unknown auth_method', () => {
    expect(fields(create({ ...base, secret: uuid, extra: { auth_method: 'ticket', token_name: 'ci' } }))).toContain('extra.auth_method');
  });
});
