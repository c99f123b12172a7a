// Shapes of the API answers the client returns (see the API's OpenAPI document at /docs).

/** What reveal and lookup answer: the only responses that carry a secret. */
export interface RevealedSecret {
  id: string;
  name: string;
  type: string;
  username: string | null;
  secret: string;
  extra: Record<string, unknown>;
  host?: string | null;
  purpose?: string | null;
  secretVersion: number;
  /** When the credential expires; `expired` once that has passed (the API may be set to refuse it then). */
  expiresAt?: string | null;
  expired?: boolean;
}

/** A credential as every other route returns it: masked, never the secret. */
export interface Credential {
  id: string;
  tenant: string;
  name: string;
  type: string;
  username: string | null;
  host: string | null;
  purpose: string | null;
  extra: Record<string, unknown>;
  labels: string[];
  description: string | null;
  expiresAt: string | null;
  status: 'active' | 'inactive' | 'destroyed';
  version: number;
  secretVersion: number;
  secretPreview: string | null;
  createdAt: string;
  updatedAt: string;
  rotatedAt: string | null;
  lastUsedAt: string | null;
  lastTestedAt: string | null;
  lastTestStatus: string | null;
  lastTestError: string | null;
  createdBy: string;
  updatedBy: string;
}

export interface CredentialPage {
  credentials: Credential[];
  total: number;
  nextCursor: string | null;
}
