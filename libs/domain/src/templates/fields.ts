// Builders for the fields most templates share, so every template words them the same way.
import type { TemplateField } from './types.js';

type Overrides = Partial<Omit<TemplateField, 'target' | 'kind'>>;

export const HOSTNAME_FORMAT = {
  pattern: '^[A-Za-z0-9_.:\\[\\]-]+$',
  maxLength: 253,
  hint: 'a hostname or IP address, without scheme, port or path',
};

export const DATABASE_NAME = { pattern: '^[^\\s/]+$', maxLength: 128, hint: 'a database name without spaces or slashes' };

export function hostField(overrides: Overrides = {}): TemplateField {
  return {
    name: 'host',
    target: 'host',
    label: 'Host',
    kind: 'text',
    required: true,
    format: HOSTNAME_FORMAT,
    placeholder: 'db.internal.example.com',
    ...overrides,
  };
}

export function portField(defaultPort: number, overrides: Overrides = {}): TemplateField {
  return {
    name: 'port',
    target: 'extra.port',
    label: 'Port',
    kind: 'number',
    required: true,
    default: defaultPort,
    format: { min: 1, max: 65535 },
    ...overrides,
  };
}

export function usernameField(overrides: Overrides = {}): TemplateField {
  return { name: 'username', target: 'username', label: 'Username', kind: 'text', required: true, ...overrides };
}

export function secretField(
  name: string,
  label: string,
  overrides: Overrides & { kind?: 'secret' | 'multiline_secret' } = {},
): TemplateField {
  return { name, target: 'secret', label, kind: 'secret', required: true, ...overrides };
}

export function passwordField(overrides: Overrides = {}): TemplateField {
  return secretField('password', 'Password', overrides);
}

export function extraField(
  name: string,
  kind: Exclude<TemplateField['kind'], 'secret' | 'multiline_secret' | 'object'>,
  label: string,
  overrides: Overrides = {},
): TemplateField {
  return { name, target: `extra.${name}`, label, kind, required: false, ...overrides };
}

export function selectField(
  name: string,
  label: string,
  options: [value: string, label: string, aliases?: string[]][],
  defaultValue: string,
  overrides: Overrides = {},
): TemplateField {
  return extraField(name, 'select', label, {
    required: true,
    default: defaultValue,
    options: options.map(([value, optionLabel, aliases]) => ({ value, label: optionLabel, ...(aliases ? { aliases } : {}) })),
    ...overrides,
  });
}

export function urlField(name: string, label: string, overrides: Overrides = {}): TemplateField {
  return extraField(name, 'url', label, { format: { maxLength: 2048 }, ...overrides });
}

export function verifyTlsField(overrides: Overrides = {}): TemplateField {
  return extraField('verify_tls', 'boolean', 'Verify TLS certificate', {
    default: true,
    help: 'Turn off only for self-signed certificates you cannot replace.',
    ...overrides,
  });
}

/**
 * Free notes any template takes (the secrets broker's `additional_data`):
 * a JSON object stored unencrypted, so secret-named keys are refused inside it too.
 */
export function additionalDataField(): TemplateField {
  return {
    name: 'additional_data',
    target: 'extra.additional_data',
    label: 'Additional data',
    kind: 'object',
    required: false,
    help: 'Free non-secret notes as a JSON object, e.g. {"notes": "Production server"}.',
  };
}
