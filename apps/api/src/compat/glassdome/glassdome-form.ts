import { listTemplates, type CredentialTemplate, type FieldKind, type TemplateField } from '#domain';
import { seedMappingOf, seedNameOf } from '../shared/seed-names.js';

export const GLASSDOME = 'glassdome';

/** One field of Glassdome's credential form, in its names and input types. */
export interface GlassdomeFormField {
  name: string;
  type: string;
  label: string;
  default?: string | number | boolean;
  options?: string[];
  /** Present (false) only on a field that may stay empty, as Glassdome marks them. */
  required?: false;
}

/** Glassdome's form of a service type: the fields always shown, and those a choice shows, keyed `field=value`. */
export interface GlassdomeForm {
  service_type: string;
  required_fields: GlassdomeFormField[];
  conditional_fields?: Record<string, GlassdomeFormField[]>;
}

/** Glassdome's input type for each kind of template field. */
const INPUT_TYPES: Record<FieldKind, string> = {
  text: 'text',
  secret: 'password',
  multiline_secret: 'textarea',
  select: 'select',
  number: 'number',
  url: 'url',
  boolean: 'checkbox',
  object: 'json',
};

/** Glassdome's name for a template's type: its service type where it has one, else the template type. */
export function glassdomeServiceType(template: CredentialTemplate): string {
  return seedMappingOf(template, GLASSDOME)?.type ?? template.type;
}

/**
 * The form of a template in Glassdome's shape. Fields keep the catalogue's
 * labels, defaults and options, under Glassdome's names; a text field with
 * suggestions is a select of them (Glassdome offers a fixed list, Keyledger
 * also takes other values); a field with a condition goes under
 * `conditional_fields["<field>=<value>"]` (several conditions joined by `&`).
 */
export function glassdomeForm(template: CredentialTemplate): GlassdomeForm {
  const mapping = seedMappingOf(template, GLASSDOME);
  const nameOf = (name: string) => {
    const field = template.fields.find((f) => f.name === name);
    return field ? seedNameOf(field, mapping) : name;
  };
  const required: GlassdomeFormField[] = [];
  const conditional: Record<string, GlassdomeFormField[]> = {};
  for (const field of template.fields) {
    const formField = toFormField(field, seedNameOf(field, mapping));
    if (!field.when) {
      required.push(formField);
      continue;
    }
    const key = Object.entries(field.when)
      .map(([name, value]) => `${nameOf(name)}=${value}`)
      .join('&');
    (conditional[key] ??= []).push(formField);
  }
  const form: GlassdomeForm = { service_type: glassdomeServiceType(template), required_fields: required };
  if (Object.keys(conditional).length > 0) form.conditional_fields = conditional;
  return form;
}

function toFormField(field: TemplateField, name: string): GlassdomeFormField {
  const choices = field.options?.map((option) => option.value) ?? field.suggestions;
  const formField: GlassdomeFormField = { name, type: choices ? 'select' : INPUT_TYPES[field.kind], label: field.label };
  if (field.default !== undefined) formField.default = field.default;
  if (choices) formField.options = [...choices];
  if (!field.required) formField.required = false;
  return formField;
}

/** The template of a Glassdome service type (`proxmox`, `azure`, ...), or of a Keyledger type it does not name. */
export function templateOfServiceType(serviceType: string): CredentialTemplate | undefined {
  const templates = listTemplates();
  return (
    templates.find((template) => seedMappingOf(template, GLASSDOME)?.type === serviceType) ??
    templates.find((template) => template.type === serviceType)
  );
}
