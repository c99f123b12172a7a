import type { Role } from '#domain';

export type { Role };

/** Who is calling: every request is made by exactly one principal of one tenant. */
export interface Principal {
  id: string;
  tenant: string;
  role: Role;
  /** Teams the principal belongs to; a grant to a team applies to each member. */
  teams: readonly string[];
  /** The token this request was made with: its id and when it stops working (null: never). */
  token?: { id: string; expiresAt: string | null };
}

/** Resolves a bearer token to its principal, or null. Token storage plugs in here. */
export interface PrincipalResolver {
  resolve(token: string): Promise<Principal | null>;
}
export const PRINCIPAL_RESOLVER = Symbol('PrincipalResolver');
