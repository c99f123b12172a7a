// The Access page's calls: principals and their tokens, webhooks and their
// deliveries. Every route is an admin's; the console shows the page to
// admins only and the API refuses everyone else.
import { call } from '../lib/api.js';
import { session } from '../lib/session.svelte.js';
import type {
  CreatedWebhook,
  DeliveryPage,
  DeliveryStatus,
  IssuedToken,
  NewPrincipal,
  NewWebhook,
  Principal,
  PrincipalPage,
  Token,
  TokenPage,
  Webhook,
  WebhookPage,
} from './types.js';

/** Principals, tokens and webhooks are managed by admins alone. */
export const mayManageAccess = (): boolean => session.me?.role === 'admin';

const principal = (id: string) => `/v1/principals/${encodeURIComponent(id)}`;
const webhook = (id: string) => `/v1/webhooks/${encodeURIComponent(id)}`;

export const listPrincipals = (limit: number, cursor: string | null) =>
  call<PrincipalPage>('GET', '/v1/principals', { query: { limit, cursor } });
export const getPrincipal = (id: string) => call<Principal>('GET', principal(id));
export const createPrincipal = (body: NewPrincipal) => call<Principal>('POST', '/v1/principals', { body });

/** A principal's tokens, every page (a principal holds a handful). */
export async function tokensOf(principalId: string): Promise<Token[]> {
  const tokens: Token[] = [];
  let cursor: string | null = null;
  do {
    const page: TokenPage = await call<TokenPage>('GET', '/v1/tokens', { query: { principalId, limit: 200, cursor } });
    tokens.push(...page.tokens);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return tokens;
}
/** The token is in this answer only; POST /v1/tokens is never retried, since a retry would issue a second one. */
export const issueToken = (body: { principalId: string; description?: string; expiresAt?: string }) =>
  call<IssuedToken>('POST', '/v1/tokens', { body });
export const revokeToken = (id: string) => call<Token>('DELETE', `/v1/tokens/${encodeURIComponent(id)}`);

export const listWebhooks = (limit: number, cursor: string | null) =>
  call<WebhookPage>('GET', '/v1/webhooks', { query: { limit, cursor } });
export const getWebhook = (id: string) => call<Webhook>('GET', webhook(id));
export const registerWebhook = (body: NewWebhook) => call<CreatedWebhook>('POST', '/v1/webhooks', { body });
export const changeWebhook = (id: string, version: number, body: Partial<Pick<Webhook, 'url' | 'events' | 'active' | 'description'>>) =>
  call<Webhook>('PATCH', webhook(id), { body, ifMatch: version });
export const deleteWebhook = (id: string, version: number) => call<null>('DELETE', webhook(id), { ifMatch: version });
export const deliveries = (id: string, query: { status?: DeliveryStatus | ''; limit: number; cursor: string | null }) =>
  call<DeliveryPage>('GET', `${webhook(id)}/deliveries`, { query: { ...query, status: query.status || undefined } });
export const replayDelivery = (id: string, deliveryId: string) =>
  call<{ deliveryId: string; replay: number; status: 'pending' }>(
    'POST',
    `${webhook(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`,
  );
