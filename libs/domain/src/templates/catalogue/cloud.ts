import { extraField, secretField, selectField, usernameField } from '../fields.js';
import { UUID_PATTERN } from '../../shared/uuid.js';
import type { TemplateDefinition } from '../types.js';

const GUID = { pattern: UUID_PATTERN, hint: 'a GUID like 00000000-0000-0000-0000-000000000000' };

export const azure: TemplateDefinition = {
  type: 'azure',
  label: 'Azure service principal',
  category: 'service',
  description: 'An Entra ID (Azure AD) app registration signing in with a client secret.',
  testable: true,
  fields: [
    extraField('tenant_id', 'text', 'Tenant (directory) ID', { required: true, format: GUID }),
    usernameField({ name: 'client_id', label: 'Client (application) ID', format: GUID }),
    secretField('client_secret', 'Client secret', { format: { minLength: 16 } }),
    extraField('subscription_id', 'text', 'Subscription ID', { format: GUID, help: 'Needed for Azure Resource Manager calls.' }),
    selectField(
      'cloud',
      'Cloud',
      [
        ['AzureCloud', 'Azure public'],
        ['AzureUSGovernment', 'Azure US Government'],
        ['AzureChinaCloud', 'Azure China'],
      ],
      'AzureCloud',
    ),
  ],
};

export const aws: TemplateDefinition = {
  type: 'aws',
  label: 'AWS access key',
  category: 'service',
  description: 'A long-term IAM access key pair, optionally assuming a role.',
  testable: true,
  fields: [
    usernameField({
      name: 'access_key_id',
      label: 'Access key ID',
      format: { pattern: '^AKIA[A-Z0-9]{16}$', hint: '20 characters starting with AKIA' },
      help: 'Temporary ASIA… keys expire with their session token; store long-term keys only.',
    }),
    secretField('secret_access_key', 'Secret access key', {
      format: { pattern: '^[A-Za-z0-9/+]{40}$', hint: '40 characters of letters, digits, / and +' },
    }),
    extraField('region', 'text', 'Region', {
      required: true,
      default: 'us-east-1',
      suggestions: ['us-east-1', 'us-west-2', 'eu-west-1'],
      format: { pattern: '^[a-z]{2}(-[a-z]+)+-\\d{1,2}$', hint: 'an AWS region code such as eu-west-1' },
    }),
    extraField('role_arn', 'text', 'Role to assume', {
      format: { pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$', hint: 'arn:aws:iam::123456789012:role/name' },
    }),
  ],
};

export const gcp: TemplateDefinition = {
  type: 'gcp',
  label: 'Google Cloud service account',
  category: 'service',
  description: 'A service-account JSON key file.',
  testable: true,
  fields: [
    extraField('project_id', 'text', 'Project ID', {
      required: true,
      format: { pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$', hint: '6–30 lowercase letters, digits and hyphens' },
    }),
    usernameField({
      name: 'client_email',
      label: 'Service account email',
      required: false,
      format: { pattern: '^[^@\\s]+@[a-z0-9-]+\\.iam\\.gserviceaccount\\.com$', hint: 'name@project.iam.gserviceaccount.com' },
    }),
    secretField('key_json', 'JSON key', {
      kind: 'multiline_secret',
      format: {
        pattern: '^\\s*\\{[\\s\\S]*"type"\\s*:\\s*"service_account"[\\s\\S]*\\}\\s*$',
        hint: 'the JSON key file downloaded from IAM, with "type": "service_account"',
      },
    }),
  ],
};
