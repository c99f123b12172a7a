import {
  HOSTNAME_FORMAT,
  extraField,
  hostField,
  passwordField,
  portField,
  secretField,
  selectField,
  urlField,
  usernameField,
  verifyTlsField,
} from '../fields.js';
import { UUID_PATTERN } from '../../shared/uuid.js';
import type { TemplateDefinition } from '../types.js';

export const proxmox: TemplateDefinition = {
  type: 'proxmox',
  label: 'Proxmox VE',
  category: 'service',
  description: 'Proxmox VE API access, by user password or by API token.',
  testable: true,
  defaultPort: 8006,
  fields: [
    hostField({ placeholder: 'pve1.example.com' }),
    portField(8006),
    usernameField({
      default: 'root@pam',
      format: { pattern: '^[^@!\\s]+(@[A-Za-z][A-Za-z0-9._-]*)?$', hint: 'a user name, or user@realm such as root@pam, without !token' },
      help: 'A realm given here (root@pam) is the one used; the realm setting applies to a user without one.',
    }),
    extraField('realm', 'text', 'Realm', {
      required: true,
      default: 'pam',
      format: { pattern: '^[A-Za-z][A-Za-z0-9._-]*$', hint: 'a realm id such as pam or pve' },
    }),
    verifyTlsField(),
    selectField(
      'auth_method',
      'Authentication',
      [
        ['api_token', 'API token'],
        ['password', 'Password'],
      ],
      'api_token',
    ),
    passwordField({ when: { auth_method: 'password' } }),
    extraField('token_name', 'text', 'Token ID', {
      required: true,
      when: { auth_method: 'api_token' },
      format: { pattern: '^[A-Za-z][A-Za-z0-9._-]*$', hint: 'the part after ! in user@realm!token' },
    }),
    secretField('token_value', 'Token secret', {
      when: { auth_method: 'api_token' },
      format: { pattern: UUID_PATTERN, hint: 'the UUID shown once when the token was created' },
    }),
  ],
};

export const kubernetes: TemplateDefinition = {
  type: 'kubernetes',
  label: 'Kubernetes',
  category: 'service',
  description: 'Cluster access by service-account token or by a whole kubeconfig.',
  testable: true,
  fields: [
    selectField(
      'auth_method',
      'Authentication',
      [
        ['token', 'Service-account token'],
        ['kubeconfig', 'Kubeconfig'],
      ],
      'token',
    ),
    urlField('server', 'API server URL', {
      required: true,
      when: { auth_method: 'token' },
      placeholder: 'https://k8s.example.com:6443',
    }),
    secretField('token', 'Token', { when: { auth_method: 'token' }, format: { minLength: 20 } }),
    extraField('ca_certificate', 'text', 'CA certificate', {
      when: { auth_method: 'token' },
      format: { prefixes: ['-----BEGIN CERTIFICATE-----'], maxLength: 16384 },
      help: 'PEM of the cluster CA; empty to use the system trust store.',
    }),
    secretField('kubeconfig', 'Kubeconfig', {
      kind: 'multiline_secret',
      when: { auth_method: 'kubeconfig' },
      format: { pattern: '(^|\\n)clusters:', hint: 'a kubeconfig YAML file with a clusters: section' },
    }),
    extraField('context', 'text', 'Context', { when: { auth_method: 'kubeconfig' }, help: 'Empty for current-context.' }),
    extraField('namespace', 'text', 'Namespace', {
      default: 'default',
      format: { pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$', hint: 'a DNS label' },
    }),
  ],
};

export const winrm: TemplateDefinition = {
  type: 'winrm',
  label: 'WinRM',
  category: 'service',
  description: 'A Windows Remote Management login (PowerShell remoting, Ansible).',
  testable: true,
  defaultPort: 5986,
  fields: [
    hostField({ placeholder: 'win-01.corp.example.com' }),
    portField(5986, { help: '5986 for HTTPS, 5985 for HTTP.' }),
    extraField('use_https', 'boolean', 'HTTPS', { default: true }),
    usernameField({ placeholder: 'CORP\\svc-deploy', help: 'DOMAIN\\user or user@domain for domain accounts.' }),
    extraField('domain', 'text', 'Domain', { help: 'NetBIOS or DNS domain of the account, when the user name does not carry it.' }),
    passwordField(),
    selectField(
      'transport',
      'Transport',
      [
        ['ntlm', 'NTLM'],
        ['kerberos', 'Kerberos'],
        ['credssp', 'CredSSP'],
        ['basic', 'Basic (local accounts, HTTPS only)'],
      ],
      'ntlm',
    ),
    verifyTlsField(),
  ],
};

export const rdp: TemplateDefinition = {
  type: 'rdp',
  label: 'Remote Desktop (RDP)',
  category: 'service',
  description: 'A Windows Remote Desktop login.',
  testable: true,
  defaultPort: 3389,
  fields: [
    hostField({ placeholder: 'ts-01.corp.example.com' }),
    portField(3389),
    usernameField(),
    extraField('domain', 'text', 'Domain', { help: 'NetBIOS or DNS domain; empty for a local account.' }),
    passwordField(),
    selectField(
      'security',
      'Security',
      [
        ['nla', 'NLA'],
        ['tls', 'TLS'],
        ['rdp', 'RDP'],
        ['any', 'Negotiate'],
      ],
      'nla',
    ),
    extraField('gateway_host', 'text', 'RD Gateway', {
      format: HOSTNAME_FORMAT,
      help: 'Optional Remote Desktop Gateway in front of the host.',
    }),
  ],
};
