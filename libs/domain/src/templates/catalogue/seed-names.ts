// How the systems Keyledger replaces name each type and its fields: their
// name on the left, the path in a Keyledger request body on the right.
// ZainOne sends Keyledger's own body shape (type, username, secret, extra);
// Glassdome's templates, Ops-Center's stored services and the secrets
// broker's host credentials use other names for the same values.
import type { SeedMapping } from '../types.js';

const ZAINONE_COMMON = { name: 'name', type: 'type', username: 'username', secret: 'secret' };
const BROKER_COMMON = {
  host: 'host',
  purpose: 'purpose',
  username: 'username',
  password: 'secret',
  additional_data: 'extra.additional_data',
};
const BYOK = { provider: 'type', key: 'secret', label: 'name', endpoint: 'extra.base_url' };

/** By template type; a type without an entry has no seed names. */
export const SEED_NAMES: Readonly<Record<string, SeedMapping[]>> = {
  ssh: [
    {
      system: 'zainone',
      type: 'ssh',
      fields: { ...ZAINONE_COMMON, 'extra.host': 'host', 'extra.port': 'extra.port', 'extra.auth_method': 'extra.auth_method' },
    },
    { system: 'secrets-broker', type: 'ssh', fields: BROKER_COMMON },
  ],
  http_basic: [
    { system: 'zainone', type: 'http_basic', fields: { ...ZAINONE_COMMON, 'extra.base_url': 'extra.url' } },
    { system: 'secrets-broker', type: 'http', fields: BROKER_COMMON },
  ],
  bearer_token: [{ system: 'zainone', type: 'bearer_token', fields: { ...ZAINONE_COMMON, 'extra.api_url': 'extra.url' } }],
  db_dsn: [
    {
      system: 'zainone',
      type: 'db_dsn',
      fields: {
        ...ZAINONE_COMMON,
        'extra.host': 'host',
        'extra.port': 'extra.port',
        'extra.database': 'extra.database',
        'extra.driver': 'extra.driver',
      },
    },
    { system: 'secrets-broker', type: 'database', fields: BROKER_COMMON },
  ],
  api_key: [
    {
      system: 'zainone',
      type: 'api_key',
      fields: { ...ZAINONE_COMMON, 'extra.provider': 'extra.provider', 'extra.model': 'extra.model' },
    },
    { system: 'ops-center', type: 'cohere', fields: { ...BYOK, provider: 'extra.provider' } },
    { system: 'ops-center', type: 'replicate', fields: { ...BYOK, provider: 'extra.provider' } },
    { system: 'ops-center', type: 'custom', fields: { ...BYOK, provider: 'extra.provider' } },
  ],
  custom: [{ system: 'zainone', type: 'custom', fields: { ...ZAINONE_COMMON, 'extra.host': 'host' } }],
  postgres: [],
  mysql: [],
  redis: [],
  proxmox: [
    {
      system: 'glassdome',
      type: 'proxmox',
      fields: {
        name: 'name',
        service_type: 'type',
        host: 'host',
        user: 'username',
        auth_method: 'extra.auth_method',
        password: 'secret',
        token_name: 'extra.token_name',
        token_value: 'secret',
      },
    },
  ],
  azure: [
    {
      system: 'glassdome',
      type: 'azure',
      fields: {
        name: 'name',
        service_type: 'type',
        subscription_id: 'extra.subscription_id',
        client_id: 'username',
        client_secret: 'secret',
        tenant_id: 'extra.tenant_id',
      },
    },
  ],
  aws: [
    {
      system: 'glassdome',
      type: 'aws',
      fields: { name: 'name', service_type: 'type', access_key_id: 'username', secret_access_key: 'secret', region: 'extra.region' },
    },
  ],
  gcp: [],
  openai: [
    {
      system: 'glassdome',
      type: 'openai',
      fields: { name: 'name', service_type: 'type', api_key: 'secret', model: 'extra.model', organization: 'extra.organization' },
    },
    { system: 'ops-center', type: 'openai', fields: BYOK },
  ],
  anthropic: [
    { system: 'glassdome', type: 'anthropic', fields: { name: 'name', service_type: 'type', api_key: 'secret', model: 'extra.model' } },
    { system: 'ops-center', type: 'anthropic', fields: BYOK },
  ],
  huggingface: [{ system: 'ops-center', type: 'huggingface', fields: { ...BYOK, endpoint: 'extra.endpoint' } }],
  cloudflare: [
    {
      system: 'ops-center',
      type: 'cloudflare',
      fields: {
        service: 'type',
        credential_type: 'extra.auth_method',
        secret: 'secret',
        'metadata.account_id': 'extra.account_id',
        CLOUDFLARE_API_TOKEN: 'secret',
        CLOUDFLARE_ACCOUNT_ID: 'extra.account_id',
      },
    },
  ],
  namecheap: [
    {
      system: 'ops-center',
      type: 'namecheap',
      fields: {
        service: 'type',
        secret: 'secret',
        NAMECHEAP_API_USERNAME: 'username',
        NAMECHEAP_API_KEY: 'secret',
        NAMECHEAP_CLIENT_IP: 'extra.client_ip',
        NAMECHEAP_SANDBOX: 'extra.sandbox',
      },
    },
  ],
  kubernetes: [],
  winrm: [{ system: 'secrets-broker', type: 'winrm', fields: { ...BROKER_COMMON, domain: 'extra.domain' } }],
  rdp: [{ system: 'secrets-broker', type: 'rdp', fields: { ...BROKER_COMMON, domain: 'extra.domain' } }],
  github: [],
};
