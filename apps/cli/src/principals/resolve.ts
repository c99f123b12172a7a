// Commands take a principal by id or by name; output shows names, not ids.
import { ForbiddenError, isCredentialId, NotFoundError, type KeyledgerAdmin, type Principal } from '#client';
import { CliError, EXIT } from '../errors.js';

/**
 * A principal by id, or by its name in the caller's tenant (names are unique
 * there; an exact match wins, else the one match ignoring case).
 */
export async function resolvePrincipal(admin: KeyledgerAdmin, ref: string): Promise<Principal> {
  if (isCredentialId(ref)) {
    try {
      return await admin.getPrincipal(ref);
    } catch (error) {
      if (error instanceof NotFoundError) throw new CliError(`no principal ${ref}`, EXIT.notFound);
      throw error;
    }
  }
  const name = ref.trim();
  const all = await allPrincipals(admin);
  const folded = all.filter((p) => p.name.toLowerCase() === name.toLowerCase());
  const found = all.find((p) => p.name === name) ?? (folded.length === 1 ? folded[0] : undefined);
  if (!found) throw new CliError(`no principal named "${name}"`, EXIT.notFound);
  return found;
}

export async function resolvePrincipalId(admin: KeyledgerAdmin, ref: string): Promise<string> {
  return isCredentialId(ref) ? ref.toLowerCase() : (await resolvePrincipal(admin, ref)).id;
}

export async function allPrincipals(admin: KeyledgerAdmin): Promise<Principal[]> {
  const principals: Principal[] = [];
  let cursor: string | null = null;
  do {
    const page = await admin.listPrincipals({ cursor, limit: 200 });
    principals.push(...page.principals);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return principals;
}

/**
 * Names of principal ids, each asked for once per command. Ids that are not
 * principals' (the bootstrap admin's), and every id when the token may not
 * read principals (an auditor's), are shown as they are.
 */
export class PrincipalNames {
  private readonly names = new Map<string, string>();
  private allowed = true;

  constructor(private readonly admin: KeyledgerAdmin) {}

  /** Learns the names of these ids (one request per id not seen before). */
  async load(ids: Iterable<string | null | undefined>): Promise<void> {
    const unknown = [...new Set(ids)].filter((id): id is string => !!id && isCredentialId(id) && !this.names.has(id));
    for (const id of unknown) {
      if (!this.allowed) return;
      this.names.set(id, await this.fetch(id));
    }
  }

  nameOf(id: string | null | undefined): string | null {
    if (!id) return null;
    return this.names.get(id) ?? id;
  }

  private async fetch(id: string): Promise<string> {
    try {
      return (await this.admin.getPrincipal(id)).name;
    } catch (error) {
      if (error instanceof ForbiddenError) this.allowed = false;
      else if (!(error instanceof NotFoundError)) throw error;
      return id;
    }
  }
}
