// How a credential type's form is declared, and the request shape validated against it.

export type FieldKind = 'text' | 'secret' | 'select' | 'number' | 'url' | 'boolean' | 'multiline_secret';

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
  /** For select. */
  options?: { value: string; label: string }[];
  /** Show/require only when the named fields have these values (compared as strings, after defaults). */
  when?: Record<string, string>;
  format?: FieldFormat;
  help?: string;
  placeholder?: string;
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
