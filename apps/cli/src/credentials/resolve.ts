// Commands take a credential id or its exact name.
import { isCredentialId, type Credential, type CredentialPage, type HttpTransport } from '#client';
import { CliError, EXIT } from '../errors.js';
import { readPages } from '../paging.js';

export async function resolveCredential(api: HttpTransport, ref: string): Promise<Credential> {
  if (isCredentialId(ref)) return (await api.request<Credential>('GET', `/v1/credentials/${ref}`)).body;
  // Names are unique among credentials that are not destroyed; a destroyed one frees its name.
  const { items } = await readPages(api, '/v1/credentials', { q: ref, limit: 200 }, (b: CredentialPage) => b.credentials, { all: true });
  const matches = items.filter((c) => c.name === ref);
  const found = matches.find((c) => c.status !== 'destroyed') ?? matches.at(-1);
  if (!found) throw new CliError(`no credential named "${ref}"`, EXIT.notFound);
  return found;
}

export async function resolveId(api: HttpTransport, ref: string): Promise<string> {
  return isCredentialId(ref) ? ref : (await resolveCredential(api, ref)).id;
}
