// The credential bodies ZainOne's guide shows, as its clients send them:
// "Create Credential", then one per "Credential Types" entry.

type Body = Record<string, any>;

export const ZAINONE_CREATE = {
  name: 'Production PostgreSQL',
  type: 'db_dsn',
  username: 'admin',
  secret: 'my_secure_password_123',
  extra: { host: 'db.example.com', port: 5432, database: 'prod_db' },
};

export const ZAINONE_TYPES: Body[] = [
  {
    name: 'Production Server SSH',
    type: 'ssh',
    username: 'ubuntu',
    secret: 'ssh_private_key_content_or_password',
    extra: { host: 'server.example.com', port: 22, auth_method: 'key' },
  },
  {
    name: 'API Basic Auth',
    type: 'http_basic',
    username: 'api_user',
    secret: 'api_password',
    extra: { base_url: 'https://api.example.com' },
  },
  { name: 'GitHub API Token', type: 'bearer_token', secret: 'ghp_xxxxxxxxxxxxxxxxxxxx', extra: { api_url: 'https://api.github.com' } },
  {
    name: 'Production Database',
    type: 'db_dsn',
    username: 'db_admin',
    secret: 'db_password',
    extra: { host: 'db.example.com', port: 5432, database: 'prod_db', driver: 'postgresql' },
  },
  { name: 'OpenAI API Key', type: 'api_key', secret: 'sk-xxxxxxxxxxxxxxxxxxxx', extra: { provider: 'openai', model: 'gpt-4' } },
  {
    name: 'Custom Service Credential',
    type: 'custom',
    username: 'service_account',
    secret: 'custom_secret_value',
    extra: { service_type: 'custom_api', endpoint: 'https://custom.example.com' },
  },
];
