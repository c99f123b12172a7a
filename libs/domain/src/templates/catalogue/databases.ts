import { DATABASE_NAME, extraField, hostField, passwordField, portField, selectField, usernameField } from '../fields.js';
import type { TemplateDefinition } from '../types.js';

export const postgres: TemplateDefinition = {
  type: 'postgres',
  label: 'PostgreSQL',
  category: 'service',
  description: 'A PostgreSQL role: connects with host, port, database, user and password.',
  testable: true,
  defaultPort: 5432,
  fields: [
    hostField(),
    portField(5432),
    extraField('database', 'text', 'Database', { required: true, default: 'postgres', format: DATABASE_NAME }),
    usernameField({ placeholder: 'app' }),
    passwordField(),
    selectField(
      'sslmode',
      'SSL mode',
      [
        ['disable', 'disable'],
        ['allow', 'allow'],
        ['prefer', 'prefer'],
        ['require', 'require'],
        ['verify-ca', 'verify-ca'],
        ['verify-full', 'verify-full'],
      ],
      'prefer',
      { help: 'libpq sslmode; verify-full checks the certificate and the host name.' },
    ),
  ],
};

export const mysql: TemplateDefinition = {
  type: 'mysql',
  label: 'MySQL / MariaDB',
  category: 'service',
  description: 'A MySQL or MariaDB account.',
  testable: true,
  defaultPort: 3306,
  fields: [
    hostField(),
    portField(3306),
    extraField('database', 'text', 'Database', { format: DATABASE_NAME, help: 'Default schema; optional.' }),
    usernameField(),
    passwordField(),
    selectField(
      'ssl_mode',
      'SSL mode',
      [
        ['DISABLED', 'DISABLED'],
        ['PREFERRED', 'PREFERRED'],
        ['REQUIRED', 'REQUIRED'],
        ['VERIFY_CA', 'VERIFY_CA'],
        ['VERIFY_IDENTITY', 'VERIFY_IDENTITY'],
      ],
      'PREFERRED',
    ),
  ],
};

export const redis: TemplateDefinition = {
  type: 'redis',
  label: 'Redis',
  category: 'service',
  description: 'A Redis AUTH password, with an ACL user on Redis 6 and later.',
  testable: true,
  defaultPort: 6379,
  fields: [
    hostField(),
    portField(6379),
    usernameField({ required: false, help: 'ACL user; leave empty for the default user.' }),
    passwordField(),
    extraField('db', 'number', 'Database index', { default: 0, format: { min: 0, max: 65535 } }),
    extraField('tls', 'boolean', 'TLS', { default: false, help: 'rediss:// — required by most managed Redis.' }),
  ],
};
