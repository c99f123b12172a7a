// Recognising the services of a .env file by the variable names their own
// tools and SDKs read (the seeds' PROXMOX_*, CLOUDFLARE_*, NAMECHEAP_*, ...).
import type { CredentialBody } from './entry.js';
import { defined, envBoolean, hostAndPort, type EnvPool } from './env-pool.js';

export interface Detected {
  /** Default credential name (before the --prefix). */
  group: string;
  body: Omit<CredentialBody, 'name'>;
  notes: string[];
}

export type Detector = (pool: EnvPool) => Detected | null;

const proxmox: Detector = (pool) => {
  const secretNames = ['PROXMOX_TOKEN_VALUE', 'PROXMOX_TOKEN_SECRET', 'PROXMOX_PASSWORD'];
  if (!pool.peek('PROXMOX_HOST', 'PROXMOX_URL') || !pool.peek(...secretNames)) return null;
  const { host, port } = hostAndPort(pool.take('PROXMOX_HOST', 'PROXMOX_URL')!);
  const byToken = pool.peek('PROXMOX_TOKEN_VALUE', 'PROXMOX_TOKEN_SECRET') !== undefined;
  const secret = pool.take(...secretNames)!;
  // PROXMOX_TOKEN_NAME is either the token id or the whole user@realm!token.
  const tokenName = byToken ? pool.take('PROXMOX_TOKEN_NAME', 'PROXMOX_TOKEN_ID') : undefined;
  const [tokenUser, tokenId] = tokenName?.includes('!') ? tokenName.split('!', 2) : [undefined, tokenName];
  const notes: string[] = [];
  const user = pool.take('PROXMOX_USER', 'PROXMOX_USERNAME') ?? tokenUser ?? (notes.push('user root@pam assumed'), 'root@pam');
  const [username, realm = 'pam'] = user.split('@', 2);
  const verify = envBoolean(pool.take('PROXMOX_VERIFY_SSL', 'PROXMOX_VERIFY_TLS'));
  const extra = defined({
    port: port ?? numberOf(pool.take('PROXMOX_PORT')),
    realm,
    auth_method: byToken ? 'api_token' : 'password',
    token_name: tokenId,
    verify_tls: verify,
  });
  return { group: 'proxmox', body: { type: 'proxmox', host, username, extra, secret }, notes };
};

const cloudflare: Detector = (pool) => {
  const token = pool.take('CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN');
  const key = token
    ? undefined
    : pool.peek('CLOUDFLARE_API_KEY', 'CF_API_KEY') && pool.peek('CLOUDFLARE_EMAIL', 'CF_API_EMAIL')
      ? pool.take('CLOUDFLARE_API_KEY', 'CF_API_KEY')
      : undefined;
  if (!token && !key) return null;
  const extra = defined({
    auth_method: token ? 'api_token' : 'global_api_key',
    account_id: pool.take('CLOUDFLARE_ACCOUNT_ID', 'CF_ACCOUNT_ID'),
    zone_id: pool.take('CLOUDFLARE_ZONE_ID', 'CF_ZONE_ID'),
  });
  const username = key ? pool.take('CLOUDFLARE_EMAIL', 'CF_API_EMAIL') : undefined;
  return {
    group: 'cloudflare',
    body: defined({ type: 'cloudflare', username, extra, secret: (token ?? key)! }) as Detected['body'],
    notes: [],
  };
};

const namecheap: Detector = (pool) => {
  const secret = pool.take('NAMECHEAP_API_KEY');
  if (!secret) return null;
  const username = pool.take('NAMECHEAP_API_USER', 'NAMECHEAP_USERNAME', 'NAMECHEAP_USER');
  const extra = defined({
    client_ip: pool.take('NAMECHEAP_CLIENT_IP'),
    sandbox: envBoolean(pool.take('NAMECHEAP_SANDBOX', 'NAMECHEAP_USE_SANDBOX')),
  });
  return { group: 'namecheap', body: defined({ type: 'namecheap', username, extra, secret }) as Detected['body'], notes: [] };
};

/** A service known by one key variable plus optional settings. */
function keyed(type: string, keys: string[], settings: Record<string, string[]> = {}, usernames: string[] = []): Detector {
  return (pool) => {
    const secret = pool.take(...keys);
    if (!secret) return null;
    const extra = defined(Object.fromEntries(Object.entries(settings).map(([field, names]) => [field, pool.take(...names)])));
    const username = usernames.length > 0 ? pool.take(...usernames) : undefined;
    return { group: type, body: defined({ type, username, extra, secret }) as Detected['body'], notes: [] };
  };
}

const aws: Detector = (pool) => {
  if (!pool.peek('AWS_ACCESS_KEY_ID') || !pool.peek('AWS_SECRET_ACCESS_KEY')) return null;
  const session = pool.take('AWS_SESSION_TOKEN');
  const notes = session ? ['AWS_SESSION_TOKEN left out: temporary keys expire with it'] : [];
  const username = pool.take('AWS_ACCESS_KEY_ID');
  const secret = pool.take('AWS_SECRET_ACCESS_KEY')!;
  const extra = defined({ region: pool.take('AWS_REGION', 'AWS_DEFAULT_REGION') });
  return { group: 'aws', body: { type: 'aws', username, extra, secret }, notes };
};

const azure: Detector = (pool) => {
  if (!pool.peek('AZURE_CLIENT_SECRET') || !pool.peek('AZURE_CLIENT_ID') || !pool.peek('AZURE_TENANT_ID')) return null;
  const secret = pool.take('AZURE_CLIENT_SECRET')!;
  const username = pool.take('AZURE_CLIENT_ID');
  const extra = defined({ tenant_id: pool.take('AZURE_TENANT_ID'), subscription_id: pool.take('AZURE_SUBSCRIPTION_ID') });
  return { group: 'azure', body: { type: 'azure', username, extra, secret }, notes: [] };
};

export const SERVICE_DETECTORS: Detector[] = [
  proxmox,
  cloudflare,
  namecheap,
  keyed('openai', ['OPENAI_API_KEY'], {
    organization: ['OPENAI_ORG_ID', 'OPENAI_ORGANIZATION'],
    project: ['OPENAI_PROJECT_ID', 'OPENAI_PROJECT'],
    base_url: ['OPENAI_BASE_URL', 'OPENAI_API_BASE'],
  }),
  keyed('anthropic', ['ANTHROPIC_API_KEY'], { base_url: ['ANTHROPIC_BASE_URL'] }),
  keyed('huggingface', ['HF_TOKEN', 'HUGGINGFACE_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HUGGINGFACEHUB_API_TOKEN']),
  keyed('github', ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_PAT'], {}, ['GITHUB_USER', 'GITHUB_USERNAME']),
  aws,
  azure,
];

function numberOf(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
