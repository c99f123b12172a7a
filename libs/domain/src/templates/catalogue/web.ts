import { extraField, secretField, selectField, urlField, usernameField } from '../fields.js';
import type { TemplateDefinition } from '../types.js';

const HEX32 = { pattern: '^[0-9a-f]{32}$', hint: '32 lowercase hexadecimal characters' };

export const cloudflare: TemplateDefinition = {
  type: 'cloudflare',
  label: 'Cloudflare',
  category: 'service',
  description: 'A scoped Cloudflare API token, or the legacy global API key with its account email.',
  testable: true,
  fields: [
    selectField(
      'auth_method',
      'Authentication',
      [
        ['api_token', 'API token'],
        ['global_api_key', 'Global API key'],
      ],
      'api_token',
    ),
    secretField('api_token', 'API token', {
      when: { auth_method: 'api_token' },
      format: { pattern: '^[A-Za-z0-9_-]{40}$', hint: '40 characters of letters, digits, _ and -' },
    }),
    usernameField({
      name: 'email',
      label: 'Account email',
      when: { auth_method: 'global_api_key' },
      format: { pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', hint: 'the email address of the Cloudflare account' },
    }),
    secretField('global_api_key', 'Global API key', {
      when: { auth_method: 'global_api_key' },
      format: { pattern: '^[0-9a-f]{37}$', hint: '37 lowercase hexadecimal characters' },
    }),
    extraField('account_id', 'text', 'Account ID', { format: HEX32 }),
    extraField('zone_id', 'text', 'Zone ID', { format: HEX32 }),
  ],
};

export const namecheap: TemplateDefinition = {
  type: 'namecheap',
  label: 'Namecheap',
  category: 'service',
  description: 'Namecheap API access: API user, key and the whitelisted client IP.',
  testable: true,
  fields: [
    usernameField({ name: 'api_user', label: 'API user' }),
    secretField('api_key', 'API key', { format: HEX32 }),
    extraField('client_ip', 'text', 'Client IP', {
      required: true,
      format: { pattern: '^((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)$', hint: 'an IPv4 address' },
      help: 'Must be whitelisted under Profile → Tools → API Access.',
    }),
    extraField('sandbox', 'boolean', 'Sandbox', { default: false, help: 'Use api.sandbox.namecheap.com.' }),
  ],
};

export const github: TemplateDefinition = {
  type: 'github',
  label: 'GitHub',
  category: 'service',
  description: 'A GitHub personal access token (classic or fine-grained).',
  testable: true,
  fields: [
    secretField('token', 'Personal access token', {
      format: { prefixes: ['ghp_', 'github_pat_'], minLength: 40 },
      placeholder: 'github_pat_…',
    }),
    usernameField({ required: false, label: 'Login', help: 'The account the token belongs to.' }),
    urlField('api_url', 'API URL', {
      default: 'https://api.github.com',
      help: 'https://HOST/api/v3 for GitHub Enterprise Server.',
    }),
  ],
};
