import { Inject, Injectable } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import { constantTimeEqual, hashTokenSecret, parseToken, tokenSecretMatches } from '#crypto';
import { CONFIG, ORM } from '#runtime';
import type { Principal, PrincipalResolver } from './principal.js';

export const BOOTSTRAP_PRINCIPAL_ID = 'bootstrap-admin';
/** The bootstrap token is not stored; it shows under this id. */
export const BOOTSTRAP_TOKEN_ID = 'bootstrap';

interface TokenRecord {
  principal_id: string;
  tenant: string;
  role: Principal['role'];
  teams: string[];
  secret_hash: string;
  expires_at: string | null;
  revoked_at: string | null;
}

// One indexed read by token id; the principal comes with it.
const FIND_TOKEN = `select p.id as principal_id, p.tenant, p.role, p.teams, t.secret_hash, t.expires_at, t.revoked_at
  from kl_tokens t join kl_principals p on p.id = t.principal_id where t.id = ?`;

const MAX_CACHED_TOKENS = 10_000;

interface CacheEntry {
  principal: Principal;
  tokenId: string;
  until: number;
}

/**
 * Bearer tokens: the bootstrap token from the configuration, then the issued
 * tokens in kl_tokens. A resolved token is trusted for a few seconds
 * (KEYLEDGER_TOKEN_CACHE_SECONDS) to keep the database off the hot path; a
 * revocation through this process evicts it at once. Failures are never cached.
 */
@Injectable()
export class TokenPrincipalResolver implements PrincipalResolver {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @Inject(ORM) private readonly orm: MikroORM,
  ) {}

  async resolve(token: string): Promise<Principal | null> {
    const bootstrap = this.config.bootstrapToken;
    if (bootstrap && constantTimeEqual(token, bootstrap)) {
      return {
        id: BOOTSTRAP_PRINCIPAL_ID,
        tenant: this.config.bootstrapTenant,
        role: 'admin',
        teams: [],
        token: { id: BOOTSTRAP_TOKEN_ID, expiresAt: null },
      };
    }
    const parsed = parseToken(token);
    if (!parsed) return null;
    const key = hashTokenSecret(token);
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.principal;
    this.cache.delete(key);
    const [row] = await this.orm.em.fork().execute<TokenRecord[]>(FIND_TOKEN, [parsed.tokenId]);
    if (!row || row.revoked_at !== null || !tokenSecretMatches(parsed.secret, row.secret_hash)) return null;
    const expiresAt = row.expires_at === null ? Infinity : new Date(row.expires_at).getTime();
    if (expiresAt <= Date.now()) return null;
    const principal: Principal = {
      id: row.principal_id,
      tenant: row.tenant,
      role: row.role,
      teams: row.teams,
      token: { id: parsed.tokenId, expiresAt: expiresAt === Infinity ? null : new Date(expiresAt).toISOString() },
    };
    const until = Math.min(Date.now() + this.config.tokenCacheSeconds * 1000, expiresAt);
    if (this.config.tokenCacheSeconds > 0) this.remember(key, { principal, tokenId: parsed.tokenId, until });
    return principal;
  }

  private remember(key: string, entry: CacheEntry): void {
    // Bounded: past the cap, the oldest entry goes (a Map iterates in insertion order).
    if (this.cache.size >= MAX_CACHED_TOKENS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, entry);
  }

  /** Forgets a revoked token in this process at once. */
  forget(tokenId: string): void {
    for (const [key, entry] of this.cache) if (entry.tokenId === tokenId) this.cache.delete(key);
  }
}
