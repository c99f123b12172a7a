import { settingOf, type TemplateType } from '#domain';
import { testAnthropic } from './anthropic.js';
import { testApiKey } from './api-key.js';
import { awsTester } from './aws.js';
import { azureTester } from './azure.js';
import { testBearerToken } from './bearer-token.js';
import { cloudflareTester } from './cloudflare.js';
import { testDbDsn } from './db-dsn.js';
import { testGcp } from './gcp.js';
import { testGitHub } from './github.js';
import { testHttpBasic } from './http-basic.js';
import { testHuggingFace } from './huggingface.js';
import { testKubernetes, usesKubernetesToken } from './kubernetes.js';
import { testMysql } from './mysql.js';
import { namecheapTester } from './namecheap.js';
import { testOpenAi } from './openai.js';
import { testPostgres } from './postgres.js';
import { testProxmox } from './proxmox.js';
import { testRedis } from './redis.js';
import { testSsh } from './ssh.js';
import { testTcp } from './tcp.js';
import { endpointOf, text, type TestTarget, type Tester } from './tester.js';

/** What decides which tester applies: everything but the secret. */
export type TesterInput = Omit<TestTarget, 'secret'>;

interface TesterEntry {
  test: Tester;
  /** Settings without which this tester cannot run (default: always applies). */
  applies?(target: TesterInput): boolean;
}

const hasSetting = (key: string) => (target: TesterInput) => text(settingOf(target.type, target.extra, key)) !== '';

/** One tester per credential type; see README for what each checks. */
const TESTERS: Partial<Record<TemplateType, TesterEntry>> = {
  postgres: { test: testPostgres },
  db_dsn: { test: testDbDsn },
  mysql: { test: testMysql },
  redis: { test: testRedis },
  http_basic: { test: testHttpBasic, applies: hasSetting('url') },
  bearer_token: { test: testBearerToken, applies: hasSetting('url') },
  api_key: { test: testApiKey, applies: hasSetting('base_url') },
  openai: { test: testOpenAi },
  anthropic: { test: testAnthropic },
  huggingface: { test: testHuggingFace },
  github: { test: testGitHub },
  cloudflare: { test: cloudflareTester() },
  namecheap: { test: namecheapTester() },
  azure: { test: azureTester() },
  aws: { test: awsTester() },
  gcp: { test: testGcp },
  kubernetes: { test: testKubernetes, applies: usesKubernetesToken },
  ssh: { test: testSsh },
  proxmox: { test: testProxmox },
};

/**
 * The check for a credential: its type's tester when its settings allow,
 * else a TCP connect when it has a host and port (winrm, rdp, custom, ...),
 * else none: such a credential is left out of scheduled runs.
 */
export function testerFor(target: TesterInput): Tester | undefined {
  const entry = TESTERS[target.type as TemplateType];
  if (entry && (entry.applies?.(target) ?? true)) return entry.test;
  return endpointOf(target) ? testTcp : undefined;
}
