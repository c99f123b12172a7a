// The template catalogue: one template per credential type, in display order.
import { anthropic, huggingface, openai } from './catalogue/ai.js';
import { aws, azure, gcp } from './catalogue/cloud.js';
import { mysql, postgres, redis } from './catalogue/databases.js';
import { kubernetes, proxmox, rdp, winrm } from './catalogue/infrastructure.js';
import { apiKey, bearerToken, custom, dbDsn, httpBasic, ssh } from './catalogue/seed.js';
import { cloudflare, github, namecheap } from './catalogue/web.js';
import { SEED_NAMES } from './catalogue/seed-names.js';
import { additionalDataField } from './fields.js';
import type { CredentialTemplate, TemplateDefinition } from './types.js';

export const TEMPLATE_TYPES = [
  'ssh',
  'http_basic',
  'bearer_token',
  'db_dsn',
  'api_key',
  'custom',
  'postgres',
  'mysql',
  'redis',
  'proxmox',
  'azure',
  'aws',
  'gcp',
  'openai',
  'anthropic',
  'huggingface',
  'cloudflare',
  'namecheap',
  'kubernetes',
  'winrm',
  'rdp',
  'github',
] as const;

export type TemplateType = (typeof TEMPLATE_TYPES)[number];

const DEFINITIONS: Readonly<Record<TemplateType, TemplateDefinition>> = {
  ssh,
  http_basic: httpBasic,
  bearer_token: bearerToken,
  db_dsn: dbDsn,
  api_key: apiKey,
  custom,
  postgres,
  mysql,
  redis,
  proxmox,
  azure,
  aws,
  gcp,
  openai,
  anthropic,
  huggingface,
  cloudflare,
  namecheap,
  kubernetes,
  winrm,
  rdp,
  github,
};

/** Every template also takes free notes, and says how the replaced systems name it. */
const BY_TYPE = Object.fromEntries(
  TEMPLATE_TYPES.map((type) => {
    const definition = DEFINITIONS[type];
    const template: CredentialTemplate = {
      ...definition,
      fields: [...definition.fields, additionalDataField()],
      seedNames: SEED_NAMES[type] ?? [],
    };
    return [type, template];
  }),
) as Readonly<Record<TemplateType, CredentialTemplate>>;

// Frozen so a caller cannot change the rules every other request validates against.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const TEMPLATES: readonly CredentialTemplate[] = deepFreeze(TEMPLATE_TYPES.map((type) => BY_TYPE[type]));

export function isTemplateType(type: unknown): type is TemplateType {
  return typeof type === 'string' && Object.hasOwn(BY_TYPE, type);
}

/** A fresh array in display order; the templates themselves are frozen. */
export function listTemplates(): CredentialTemplate[] {
  return [...TEMPLATES];
}

export function getTemplate(type: string): CredentialTemplate | undefined {
  return isTemplateType(type) ? BY_TYPE[type] : undefined;
}
