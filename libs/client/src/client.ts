// What a service needs from Keyledger: its secrets, by id, name or
// host/purpose, optionally cached in memory.
import { KeyledgerAdmin } from './admin.js';
import { TtlCache, type CacheOptions } from './cache.js';
import { HttpTransport, type TransportOptions } from './transport.js';
import type { RevealedSecret } from './types.js';

export interface ClientOptions extends TransportOptions {
  /** Off by default: every call asks the API (and is audited there). */
  cache?: CacheOptions | false;
}

// The client builds on its own, so it keeps its own copy of the UUID pattern of #domain.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Credential ids are UUIDs; anything else is a name. */
export function isCredentialId(text: string): boolean {
  return UUID.test(text);
}

export class KeyledgerClient {
  /** The low-level transport, for routes this class has no method for. */
  readonly transport: HttpTransport;
  /** Principals, tokens, grants and `me`, over the same transport. */
  readonly admin: KeyledgerAdmin;
  private readonly cache: TtlCache<RevealedSecret> | null;

  constructor(options: ClientOptions) {
    this.transport = new HttpTransport(options);
    this.admin = new KeyledgerAdmin(this.transport);
    this.cache = options.cache ? new TtlCache<RevealedSecret>(options.cache) : null;
  }

  /** The current secret of a credential, by id (uuid) or name (matched ignoring case). */
  getSecret(idOrName: string): Promise<RevealedSecret> {
    if (isCredentialId(idOrName)) {
      return this.cached(`id:${idOrName.toLowerCase()}`, () =>
        this.reveal(`/v1/credentials/${encodeURIComponent(idOrName)}/reveal`, undefined),
      );
    }
    return this.cached(`name:${idOrName}`, () => this.reveal('/v1/credentials/lookup', { name: idOrName }));
  }

  /** The one active credential for this host and purpose (409 if several match). */
  lookup(query: { host: string; purpose: string }): Promise<RevealedSecret> {
    const { host, purpose } = query;
    return this.cached(`lookup:${JSON.stringify([host, purpose])}`, () => this.reveal('/v1/credentials/lookup', { host, purpose }));
  }

  /** Forget cached secrets: one id, name or `{host, purpose}`, or all of them. */
  invalidate(target?: string | { host: string; purpose: string }): void {
    if (!this.cache) return;
    if (target === undefined) return this.cache.clear();
    if (typeof target !== 'string') return this.cache.delete(`lookup:${JSON.stringify([target.host, target.purpose])}`);
    this.cache.delete(isCredentialId(target) ? `id:${target.toLowerCase()}` : `name:${target}`);
  }

  private async cached(key: string, load: () => Promise<RevealedSecret>): Promise<RevealedSecret> {
    const value = this.cache ? await this.cache.get(key, load) : await load();
    return structuredClone(value);
  }

  // A reveal changes nothing but the audit trail, so a retry is safe.
  private async reveal(path: string, body: unknown): Promise<RevealedSecret> {
    return (await this.transport.request<RevealedSecret>('POST', path, { body, retry: true })).body;
  }
}
