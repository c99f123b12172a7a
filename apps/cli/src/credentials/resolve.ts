// Commands take a credential id or its name (matched ignoring case, as names are unique).
import { isCredentialId, type Credential, type CredentialPage, type HttpTransport } from '#client';
import { CliError, EXIT } from '../errors.js';
import { readPages } from '../paging.js';

export async function resolveCredential(api: HttpTransport, ref: string): Promise<Credential> {
  if (isCredentialId(ref)) return (await api.request<Credential>('GET', `/v1/credentials/${ref}`)).body;
  // Names are unique, ignoring case, among credentials that are not destroyed;
  // a destroyed one frees its name. The exact spelling wins over another case
  // (two such names survive only from before names were unique ignoring case).
  const name = ref.trim();
  const { items } = await readPages(api, '/v1/credentials', { name, limit: 200 }, (b: CredentialPage) => b.credentials, { all: true });
  const current = items.filter((c) => c.status !== 'destroyed');
  const found = current.find((c) => c.name === name) ?? current[0] ?? items.at(-1);
  if (!found) throw new CliError(`no credential named "${name}"`, EXIT.notFound);
  return found;
}

export async function resolveId(api: HttpTransport, ref: string): Promise<string> {
  return isCredentialId(ref) ? ref : (await resolveCredential(api, ref)).id;
}
