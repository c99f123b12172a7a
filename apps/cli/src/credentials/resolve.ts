// Commands take a credential id or its exact name.
import type { Credential, CredentialPage, HttpTransport } from '#client';
import { CliError, EXIT } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveCredential(api: HttpTransport, ref: string): Promise<Credential> {
  if (UUID.test(ref)) return (await api.request<Credential>('GET', `/v1/credentials/${ref}`)).body;
  // Names are unique among credentials that are not destroyed; a destroyed one frees its name.
  const matches: Credential[] = [];
  let cursor: string | null = null;
  do {
    const query = { q: ref, limit: 200, cursor };
    const page: CredentialPage = (await api.request<CredentialPage>('GET', '/v1/credentials', { query })).body;
    matches.push(...page.credentials.filter((c) => c.name === ref));
    cursor = page.nextCursor;
  } while (cursor !== null);
  const found = matches.find((c) => c.status !== 'destroyed') ?? matches.at(-1);
  if (!found) throw new CliError(`no credential named "${ref}"`, EXIT.notFound);
  return found;
}

export async function resolveId(api: HttpTransport, ref: string): Promise<string> {
  return UUID.test(ref) ? ref : (await resolveCredential(api, ref)).id;
}
