import type { CredentialTemplate, FieldTarget, SeedMapping, TemplateField } from '#domain';
import type { CredentialResponse } from '../../credentials/credential.response.js';

// Translation between a replaced system's field names and Keyledger's, read
// from the seed names of the one template catalogue (`seedNames`), so no
// adapter keeps a second copy of the mapping.

/** The system's mapping for a template, if it names the type. */
export function seedMappingOf(template: CredentialTemplate, system: string): SeedMapping | undefined {
  return template.seedNames.find((mapping) => mapping.system === system);
}

/**
 * The system's name for a template field: the field's own name when the
 * system uses it for the same place, else the first of its names for that
 * place, else Keyledger's name.
 */
export function seedNameOf(field: TemplateField, mapping: SeedMapping | undefined): string {
  if (!mapping) return field.name;
  if (mapping.fields[field.name] === field.target) return field.name;
  const theirs = Object.entries(mapping.fields).find(([, path]) => path === field.target);
  return theirs?.[0] ?? field.name;
}

/** The value a credential holds at a template field's place (never the secret: the masked credential has none). */
export function valueAt(credential: CredentialResponse, target: FieldTarget): unknown {
  if (target === 'secret') return undefined;
  if (target.startsWith('extra.')) return credential.extra[target.slice('extra.'.length)];
  return credential[target as 'username' | 'host' | 'purpose'] ?? undefined;
}
