import { TEMPLATE_TYPES, getTemplate, isTemplateType, listTemplates } from './catalogue.js';
import { activeSecretField, extraKey, isActive } from './conditions.js';
import { valueProblem } from './field-values.js';
import type { CredentialTemplate, TemplateField } from './types.js';

/** Every combination of values the template's `when` conditions can see. */
function conditionCombinations(template: CredentialTemplate): Record<string, string>[] {
  const names = [...new Set(template.fields.flatMap((field) => Object.keys(field.when ?? {})))];
  return names.reduce<Record<string, string>[]>(
    (combos, name) => {
      const field = template.fields.find((f) => f.name === name) as TemplateField;
      const values = field.kind === 'boolean' ? ['true', 'false'] : (field.options ?? []).map((o) => o.value);
      return combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
    },
    [{}],
  );
}

describe('template catalogue', () => {
  const templates = listTemplates();

  it('lists exactly TEMPLATE_TYPES, in that order, seeds first', () => {
    expect(templates.map((t) => t.type)).toEqual([...TEMPLATE_TYPES]);
    expect(templates.slice(0, 6).every((t) => t.category === 'seed')).toBe(true);
    expect(templates.slice(6).every((t) => t.category === 'service')).toBe(true);
  });

  it('finds templates by type and nothing for unknown or prototype names', () => {
    expect(getTemplate('proxmox')?.label).toBe('Proxmox VE');
    for (const name of ['foo', 'constructor', '__proto__', 'toString']) {
      expect(getTemplate(name)).toBeUndefined();
      expect(isTemplateType(name)).toBe(false);
    }
  });

  it('names the seed systems only by their stable ids', () => {
    const systems = new Set(templates.flatMap((t) => t.seedNames.map((s) => s.system)));
    expect([...systems].sort()).toEqual(['glassdome', 'ops-center', 'secrets-broker', 'zainone']);
  });

  it('cannot be changed by a caller', () => {
    const postgres = getTemplate('postgres') as CredentialTemplate;
    expect(() => postgres.fields.push(postgres.fields[0] as TemplateField)).toThrow(TypeError);
    expect(Object.isFrozen(postgres.fields[0]?.format ?? {})).toBe(true);
  });

  describe.each(templates.map((t) => [t.type, t] as const))('%s', (_type, template) => {
    it('has exactly one active secret field under every combination of choices', () => {
      for (const combo of conditionCombinations(template)) {
        const active = template.fields.filter((f) => f.target === 'secret' && isActive(f, combo));
        expect({ combo, secrets: active.map((f) => f.name) }).toEqual({ combo, secrets: [expect.any(String)] });
        expect(activeSecretField(template, combo)).toBe(active[0]);
      }
    });

    it('maps secret kinds, and only them, to the secret', () => {
      for (const field of template.fields) {
        const secretKind = field.kind === 'secret' || field.kind === 'multiline_secret';
        expect({ field: field.name, secretKind }).toEqual({ field: field.name, secretKind: field.target === 'secret' });
      }
    });

    it('has unique field names and targets outside the secret', () => {
      const names = template.fields.map((f) => f.name);
      const targets = template.fields.filter((f) => f.target !== 'secret').map((f) => f.target);
      expect(new Set(names).size).toBe(names.length);
      expect(new Set(targets).size).toBe(targets.length);
    });

    it('names extra fields after their extra key, so form names and stored keys agree', () => {
      for (const field of template.fields) {
        const key = extraKey(field);
        if (key !== undefined) expect(field.name).toBe(key);
      }
    });

    it('conditions refer to unconditional select or boolean fields and their real values', () => {
      for (const field of template.fields) {
        for (const [name, value] of Object.entries(field.when ?? {})) {
          const source = template.fields.find((f) => f.name === name);
          expect(source?.when).toBeUndefined();
          const allowed = source?.kind === 'boolean' ? ['true', 'false'] : (source?.options ?? []).map((o) => o.value);
          expect(allowed).toContain(value);
        }
      }
    });

    it('has aliases only in extra, taken by no other field', () => {
      const own = new Set(template.fields.map((f) => f.target));
      const aliases = template.fields.flatMap((f) => f.aliases ?? []);
      for (const alias of aliases) expect([alias, own.has(alias)]).toEqual([alias, false]);
      expect(new Set(aliases).size).toBe(aliases.length);
    });

    it('infers and requires only from its own select choices', () => {
      for (const field of template.fields) {
        if (field.inferFromSecret) {
          const values = (field.options ?? []).map((o) => o.value);
          expect(values).toEqual(expect.arrayContaining([field.inferFromSecret.matches, field.inferFromSecret.otherwise]));
        }
        for (const [name, value] of Object.entries(field.requiredWhen ?? {})) {
          const source = template.fields.find((f) => f.name === name);
          expect((source?.options ?? []).map((o) => o.value)).toContain(value);
        }
      }
    });

    it('maps every seed name to a request path the template takes', () => {
      const paths = new Set([
        'name',
        'type',
        'username',
        'secret',
        'host',
        'purpose',
        ...template.fields.flatMap((f) => [f.target, ...(f.aliases ?? [])]),
      ]);
      for (const seed of template.seedNames) {
        for (const [seedName, path] of Object.entries(seed.fields)) {
          expect([seed.system, seedName, paths.has(path)]).toEqual([seed.system, seedName, true]);
        }
      }
    });

    it('has defaults that pass its own rules, and a defaultPort equal to its port default', () => {
      for (const field of template.fields) {
        if (field.default !== undefined)
          expect([field.name, valueProblem(template, field, field.default)]).toEqual([field.name, undefined]);
        if (field.kind === 'select') expect(field.options?.length).toBeGreaterThan(1);
      }
      const port = template.fields.find((f) => f.target === 'extra.port');
      expect(template.defaultPort).toBe(port?.default);
    });
  });
});
