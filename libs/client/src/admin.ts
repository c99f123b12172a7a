// Principals, tokens and grants: what an admin's tooling (the keyledger CLI
// among them) calls. Every write sends an Idempotency-Key (a fresh one unless
// given), so the transport may retry it without applying it twice; issuing a
// token is the exception, since the API refuses to replay a token it does not keep.
import type { HttpTransport } from './transport.js';
import type {
  CredentialSummary,
  Grant,
  GrantChange,
  GrantPermission,
  IssuedToken,
  Me,
  NewPrincipal,
  Principal,
  PrincipalPage,
  Token,
  TokenPage,
  TokenRequest,
} from './types.js';

export interface WriteOptions {
  idempotencyKey?: string;
}

export interface PageRequest {
  cursor?: string | null;
  limit?: number;
}

export class KeyledgerAdmin {
  constructor(private readonly transport: HttpTransport) {}

  /** The caller: its principal, role, tenant, teams, token and reach. */
  async me(): Promise<Me> {
    return (await this.transport.request<Me>('GET', '/v1/me')).body;
  }

  async listPrincipals(page: PageRequest & { tenant?: string } = {}): Promise<PrincipalPage> {
    return (await this.transport.request<PrincipalPage>('GET', '/v1/principals', { query: { ...page } })).body;
  }

  async getPrincipal(id: string): Promise<Principal> {
    return (await this.transport.request<Principal>('GET', `/v1/principals/${encodeURIComponent(id)}`)).body;
  }

  async createPrincipal(principal: NewPrincipal, options: WriteOptions = {}): Promise<Principal> {
    const idempotencyKey = keyOf(options);
    return (await this.transport.request<Principal>('POST', '/v1/principals', { body: principal, idempotencyKey })).body;
  }

  /** Issues a token; the answer is the one time the token is shown. Not retried. */
  async issueToken(request: TokenRequest): Promise<IssuedToken> {
    return (await this.transport.request<IssuedToken>('POST', '/v1/tokens', { body: request })).body;
  }

  async listTokens(page: PageRequest & { principalId?: string } = {}): Promise<TokenPage> {
    return (await this.transport.request<TokenPage>('GET', '/v1/tokens', { query: { ...page } })).body;
  }

  async revokeToken(id: string, options: WriteOptions = {}): Promise<Token> {
    const path = `/v1/tokens/${encodeURIComponent(id)}`;
    return (await this.transport.request<Token>('DELETE', path, { idempotencyKey: keyOf(options) })).body;
  }

  /** Counts by status and category, and the credentials expiring within `expiringWithinDays` (30) or failing their health check. */
  async credentialSummary(options: { expiringWithinDays?: number; limit?: number } = {}): Promise<CredentialSummary> {
    const query = { expiring_within_days: options.expiringWithinDays, limit: options.limit };
    return (await this.transport.request<CredentialSummary>('GET', '/v1/credentials/summary', { query })).body;
  }

  /** The grants in force on a credential, oldest first. */
  async listGrants(credentialId: string): Promise<Grant[]> {
    return (await this.transport.request<{ grants: Grant[] }>('GET', grantsPath(credentialId))).body.grants;
  }

  /** Grants `permission` to a principal (by id) or a team; the grant already in force if there is one. */
  async grantAccess(
    credentialId: string,
    grant: ({ principalId: string } | { team: string }) & { permission: GrantPermission },
    options: WriteOptions = {},
  ): Promise<GrantChange> {
    const idempotencyKey = keyOf(options);
    return (await this.transport.request<GrantChange>('POST', grantsPath(credentialId), { body: grant, idempotencyKey })).body;
  }

  async revokeGrant(credentialId: string, grantId: string, options: WriteOptions = {}): Promise<GrantChange> {
    const path = `${grantsPath(credentialId)}/${encodeURIComponent(grantId)}`;
    return (await this.transport.request<GrantChange>('DELETE', path, { idempotencyKey: keyOf(options) })).body;
  }
}

function grantsPath(credentialId: string): string {
  return `/v1/credentials/${encodeURIComponent(credentialId)}/grants`;
}

function keyOf(options: WriteOptions): string {
  return options.idempotencyKey ?? `client-${globalThis.crypto.randomUUID()}`;
}
