// How a credential type's form is declared, and the request shape validated against it.

export type FieldKind = 'text' | 'secret' | 'select' | 'number' | 'url' | 'boolean' | 'multiline_secret' | 'object';

/** Where a form value lives on a credential. */
export type FieldTarget = 'username' | 'secret' | 'host' | 'purpose' | `extra.${string}`;

export interface FieldFormat {
  /** The value must start with one of these (key-format hints such as `sk-`). */
  prefixes?: string[];
  /** A JavaScript regular expression source the value must match. */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** Bounds for number fields (inclusive). */
  min?: number;
  max?: number;
  /** Human description of the expected shape, used in the issue when `pattern` fails. */
  hint?: string;
}

export interface TemplateField {
  /** Form field name, e.g. 'token_value'; `when` conditions refer to fields by this name. */
  name: string;
  target: FieldTarget;
  label: string;
  kind: FieldKind;
  required: boolean;
  default?: string | number | boolean;
  /** For select. `aliases` are other spellings accepted (and stored as sent) for the same choice. */
  options?: { value: string; label: string; aliases?: string[] }[];
  /** Show/require only when the named fields have these values (compared as strings, after defaults). */
  when?: Record<string, string>;
  /** Shown always, but required only when the named fields have these values. */
  requiredWhen?: Record<string, string>;
  /**
   * Other request paths that carry this field's value when its own is blank,
   * e.g. `extra.host` for `host`. An alias is kept in `extra` as sent.
   */
  aliases?: `extra.${string}`[];
  /**
   * For a select left blank in a request that carries a secret: the choice
   * when the secret matches `pattern`, and when it does not. Without a
   * secret (a metadata change) the default applies.
   */
  inferFromSecret?: { pattern: string; matches: string; otherwise: string };
  /** Values a form may offer; others are accepted too. */
  suggestions?: string[];
  format?: FieldFormat;
  help?: string;
  placeholder?: string;
}

/**
 * How a system Keyledger replaces names this type and its fields, so a form
 * or an importer can translate its requests.
 */
export interface SeedMapping {
  /** `zainone`, `glassdome`, `ops-center` or `secrets-broker`. */
  system: string;
  /** Its name for the type: a type, a service type, a provider or a purpose. */
  type: string;
  /** Each of its field names, as it spells them, and the request path that holds the value here. */
  fields: Record<string, string>;
}

export interface CredentialTemplate {
  type: string;
  label: string;
  category: 'seed' | 'service';
  description: string;
  fields: TemplateField[];
  /** The worker knows a health check for this type. */
  testable: boolean;
  defaultPort?: number;
  /** The replaced systems' names for this type and its fields; empty when none has one. */
  seedNames: SeedMapping[];
}

/** The request body shape (create, and the merged shape for updates): unvalidated. */
export interface CredentialInput {
  name?: unknown;
  type?: unknown;
  username?: unknown;
  secret?: unknown;
  extra?: unknown;
  host?: unknown;
  purpose?: unknown;
  labels?: unknown;
  description?: unknown;
  expiresAt?: unknown;
}

/** A template as its catalogue file declares it; the catalogue adds its seed names. */
export type TemplateDefinition = Omit<CredentialTemplate, 'seedNames'>;
