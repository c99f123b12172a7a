// Principal ids as people read them: the principal's name where the
// signed-in role may read principals (GET /v1/principals/{id}), else a short
// id. Each id is asked for once per session; the names of one session are
// never shown in another (a sign-in with another token starts afresh).
import * as api from './api.js';
import { mayReadPrincipals, session } from './session.svelte.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Lookups at once: a usage list may name many readers. */
const PARALLEL = 4;

let owner = '';
const names = new Map<string, string>();

/** The first block of a UUID; other ids (`bootstrap-admin`, `system:worker`) are short enough as they are. */
export function shortId(id: string): string {
  return UUID.test(id) ? `${id.slice(0, 8)}…` : id;
}

function cache(): Map<string, string> {
  const me = session.me;
  const current = me ? `${me.tenant}/${me.id}` : '';
  if (current !== owner) {
    names.clear();
    owner = current;
  }
  if (me) names.set(me.id, me.name);
  return names;
}

/** What to show for each id: its name when it can be learned, else its short id. */
export async function principalNames(ids: Iterable<string>): Promise<Map<string, string>> {
  const known = cache();
  const wanted = [...new Set(ids)];
  const unknown = mayReadPrincipals() ? wanted.filter((id) => UUID.test(id) && !known.has(id)) : [];
  for (let i = 0; i < unknown.length; i += PARALLEL) {
    await Promise.all(unknown.slice(i, i + PARALLEL).map(learn));
  }
  return new Map(wanted.map((id) => [id, known.get(id) ?? shortId(id)]));
}

async function learn(id: string): Promise<void> {
  try {
    cache().set(id, (await api.principal(id)).name);
  } catch {
    // Not a principal of this tenant, or the API did not answer: a name is a
    // convenience, so the short id stands in (and the next page asks again).
  }
}
