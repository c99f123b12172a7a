// The generic types every vault starts with; service templates specialise them.
import { extraField, hostField, passwordField, portField, secretField, selectField, urlField, usernameField } from '../fields.js';
import type { CredentialTemplate } from '../types.js';

export const ssh: CredentialTemplate = {
  type: 'ssh',
  label: 'SSH',
  category: 'seed',
  description: 'A login on an SSH server, by password or private key.',
  testable: true,
  defaultPort: 22,
  fields: [
    hostField({ placeholder: 'bastion.example.com' }),
    portField(22),
    usernameField({ placeholder: 'deploy' }),
    selectField(
      'auth_method',
      'Authentication',
      [
        ['private_key', 'Private key'],
        ['password', 'Password'],
      ],
      'private_key',
    ),
    passwordField({ when: { auth_method: 'password' } }),
    secretField('private_key', 'Private key', {
      kind: 'multiline_secret',
      when: { auth_method: 'private_key' },
      format: { prefixes: ['-----BEGIN '] },
      help: 'Paste the whole key file. A passphrase-protected key cannot be used unattended: store it unencrypted.',
    }),
    extraField('host_key_fingerprint', 'text', 'Host key fingerprint', {
      format: { pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$', hint: 'SHA256:… as printed by ssh-keygen -lf' },
      help: 'Pins the server key; without it the first key seen is trusted.',
    }),
  ],
};

export const httpBasic: CredentialTemplate = {
  type: 'http_basic',
  label: 'HTTP Basic auth',
  category: 'seed',
  description: 'A username and password sent as an HTTP Authorization: Basic header.',
  testable: true,
  fields: [
    urlField('url', 'URL', { help: 'Endpoint the pair is for; the health check sends a GET to it.' }),
    usernameField(),
    passwordField(),
  ],
};

export const bearerToken: CredentialTemplate = {
  type: 'bearer_token',
  label: 'Bearer token',
  category: 'seed',
  description: 'An opaque token sent as an HTTP Authorization header.',
  testable: true,
  fields: [
    urlField('url', 'URL', { help: 'Endpoint the token is for; the health check sends a GET to it.' }),
    secretField('token', 'Token', { format: { minLength: 8 } }),
    extraField('header', 'text', 'Header', { default: 'Authorization', format: { pattern: '^[A-Za-z0-9-]+$' } }),
    extraField('scheme', 'text', 'Scheme', {
      default: 'Bearer',
      help: 'Word before the token in the header, e.g. Bearer or Token.',
    }),
  ],
};

export const dbDsn: CredentialTemplate = {
  type: 'db_dsn',
  label: 'Database DSN',
  category: 'seed',
  description: 'A full connection string; it embeds the password, so the whole DSN is the secret.',
  testable: true,
  fields: [
    secretField('dsn', 'Connection string', {
      format: { pattern: '^[A-Za-z][A-Za-z0-9+.-]*://', hint: 'a URL such as postgres://user:password@host:5432/db' },
      placeholder: 'postgres://app:…@db.example.com:5432/app',
    }),
    selectField(
      'driver',
      'Driver',
      [
        ['postgres', 'PostgreSQL'],
        ['mysql', 'MySQL / MariaDB'],
        ['sqlserver', 'SQL Server'],
        ['mongodb', 'MongoDB'],
        ['other', 'Other'],
      ],
      'postgres',
    ),
    hostField({ required: false, help: 'Optional: lets services look the DSN up by host.' }),
  ],
};

export const apiKey: CredentialTemplate = {
  type: 'api_key',
  label: 'API key',
  category: 'seed',
  description: 'A key for an HTTP API that has no template of its own.',
  testable: false,
  fields: [
    secretField('key', 'API key', { format: { minLength: 8 } }),
    urlField('base_url', 'Base URL'),
    extraField('header', 'text', 'Header', { default: 'X-API-Key', format: { pattern: '^[A-Za-z0-9-]+$' } }),
    usernameField({ required: false, label: 'Key id', help: 'For APIs that pair the key with a public id.' }),
  ],
};

export const custom: CredentialTemplate = {
  type: 'custom',
  label: 'Custom',
  category: 'seed',
  description: 'Anything else: one secret plus free-form non-secret settings in extra.',
  testable: false,
  fields: [
    secretField('secret', 'Secret', { kind: 'multiline_secret' }),
    usernameField({ required: false }),
    hostField({ required: false }),
  ],
};
