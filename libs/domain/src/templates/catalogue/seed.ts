// The generic types every vault starts with; service templates specialise them.
import {
  DATABASE_NAME,
  extraField,
  hostField,
  passwordField,
  portField,
  secretField,
  selectField,
  urlField,
  usernameField,
} from '../fields.js';
import type { TemplateDefinition } from '../types.js';

export const ssh: TemplateDefinition = {
  type: 'ssh',
  label: 'SSH',
  category: 'seed',
  description: 'A login on an SSH server, by password or private key.',
  testable: true,
  defaultPort: 22,
  fields: [
    hostField({ placeholder: 'bastion.example.com', aliases: ['extra.host'] }),
    portField(22),
    usernameField({ placeholder: 'deploy' }),
    selectField(
      'auth_method',
      'Authentication',
      [
        ['private_key', 'Private key'],
        ['password', 'Password'],
        ['key', 'Key, unchecked'],
      ],
      'private_key',
      { help: 'key: a private key stored as it comes, without the PEM check (how older stores kept it).' },
    ),
    passwordField({ when: { auth_method: 'password' } }),
    secretField('key', 'Key', { kind: 'multiline_secret', when: { auth_method: 'key' } }),
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

export const httpBasic: TemplateDefinition = {
  type: 'http_basic',
  label: 'HTTP Basic auth',
  category: 'seed',
  description: 'A username and password sent as an HTTP Authorization: Basic header.',
  testable: true,
  fields: [
    urlField('url', 'URL', {
      aliases: ['extra.base_url'],
      help: 'Endpoint the pair is for; the health check sends a GET to it. extra.base_url is taken for it.',
    }),
    usernameField(),
    passwordField(),
  ],
};

export const bearerToken: TemplateDefinition = {
  type: 'bearer_token',
  label: 'Bearer token',
  category: 'seed',
  description: 'An opaque token sent as an HTTP Authorization header.',
  testable: true,
  fields: [
    urlField('url', 'URL', {
      aliases: ['extra.api_url'],
      help: 'Endpoint the token is for; the health check sends a GET to it. extra.api_url is taken for it.',
    }),
    secretField('token', 'Token', { format: { minLength: 8 } }),
    extraField('header', 'text', 'Header', { default: 'Authorization', format: { pattern: '^[A-Za-z0-9-]+$' } }),
    extraField('scheme', 'text', 'Scheme', {
      default: 'Bearer',
      help: 'Word before the token in the header, e.g. Bearer or Token.',
    }),
  ],
};

const URL_SCHEME = '^[A-Za-z][A-Za-z0-9+.-]*://';

export const dbDsn: TemplateDefinition = {
  type: 'db_dsn',
  label: 'Database DSN',
  category: 'seed',
  description:
    'A database login: either a whole connection string (it embeds the password, so the whole DSN is the secret) ' +
    'or a password with its host, port, database and user.',
  testable: true,
  fields: [
    selectField(
      'secret_format',
      'Secret',
      [
        ['dsn', 'Connection string'],
        ['password', 'Password, with host and database'],
      ],
      'dsn',
      {
        inferFromSecret: { pattern: URL_SCHEME, matches: 'dsn', otherwise: 'password' },
        help: 'Left out, a secret that starts with a URL scheme is a connection string, anything else a password.',
      },
    ),
    secretField('dsn', 'Connection string', {
      when: { secret_format: 'dsn' },
      format: { pattern: URL_SCHEME, hint: 'a URL such as postgres://user:password@host:5432/db' },
      placeholder: 'postgres://app:…@db.example.com:5432/app',
    }),
    passwordField({ when: { secret_format: 'password' } }),
    selectField(
      'driver',
      'Driver',
      [
        ['postgres', 'PostgreSQL', ['postgresql']],
        ['mysql', 'MySQL / MariaDB', ['mariadb']],
        ['sqlserver', 'SQL Server', ['mssql']],
        ['mongodb', 'MongoDB', ['mongo']],
        ['other', 'Other'],
      ],
      'postgres',
    ),
    hostField({
      required: false,
      requiredWhen: { secret_format: 'password' },
      aliases: ['extra.host'],
      help: 'Lets services look the credential up by host; needed to connect with a password.',
    }),
    extraField('port', 'number', 'Port', { format: { min: 1, max: 65535 }, help: "Empty for the driver's usual port." }),
    extraField('database', 'text', 'Database', { format: DATABASE_NAME }),
    usernameField({ required: false, help: 'The user a password logs in as.' }),
  ],
};

export const apiKey: TemplateDefinition = {
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
    extraField('provider', 'text', 'Provider', { placeholder: 'openai', help: 'Who issued the key.' }),
    extraField('model', 'text', 'Model', { placeholder: 'gpt-4', help: 'The default model the key is used with.' }),
  ],
};

export const custom: TemplateDefinition = {
  type: 'custom',
  label: 'Custom',
  category: 'seed',
  description: 'Anything else: one secret plus free-form non-secret settings in extra.',
  testable: false,
  fields: [
    secretField('secret', 'Secret', { kind: 'multiline_secret' }),
    usernameField({ required: false }),
    hostField({ required: false, aliases: ['extra.host'] }),
  ],
};
