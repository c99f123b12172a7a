// What an import turns its input into: create bodies for POST /v1/credentials.
// Every import of the CLI (.env, Fernet, encrypted exports, the old stores)
// and the console's .env import make this plan.

export interface CredentialBody {
  name: string;
  type: string;
  username?: string | null;
  host?: string | null;
  purpose?: string | null;
  extra?: Record<string, unknown>;
  labels?: string[];
  description?: string | null;
  expiresAt?: string | null;
  secret: string;
}

export interface ImportEntry {
  /** Where it came from: variable names, or `record 3`. */
  source: string;
  body: CredentialBody;
  /** Assumptions worth a look before confirming. */
  notes: string[];
  /** The identity of the source row (`zainone:credentials:42`), when it has one: the Idempotency-Key is derived from it. */
  rowKey?: string;
}

export interface Skipped {
  source: string;
  reason: string;
  /** A variable no detector knows: naming its type imports it (the CLI's --map, the console's type picker). */
  mappable?: boolean;
}

export interface ImportPlan {
  entries: ImportEntry[];
  skipped: Skipped[];
  /** Rows that could not be read (a tampered value, another key): each fails alone, the others import. */
  failed?: Skipped[];
}

/** `BILLING_DATABASE` -> `billing-database`. */
export function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
