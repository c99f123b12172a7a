// keyledger templates list | show TYPE: what each credential type asks for.
import type { Command } from 'commander';
import type { CredentialTemplate, TemplateField } from '#domain';
import { templateOf } from '../credentials/add.js';
import { out, printJson, printTable } from '../output.js';
import { withSession } from '../session.js';

export function registerTemplates(program: Command): void {
  const templates = program.command('templates').description('the credential types and their fields');
  templates.command('list').action(
    withSession(async (session) => {
      const { templates: all } = (await session.api.request<{ templates: CredentialTemplate[] }>('GET', '/v1/templates')).body;
      if (session.json) return printJson(all);
      printTable(all, [
        ['TYPE', (t) => t.type],
        ['LABEL', (t) => t.label],
        ['CATEGORY', (t) => t.category],
        ['TESTABLE', (t) => (t.testable ? 'yes' : 'no')],
        ['DESCRIPTION', (t) => t.description],
      ]);
    }),
  );
  templates
    .command('show')
    .argument('<type>')
    .action(
      withSession(async (session, [type]) => {
        const template = await templateOf(session.api, type!);
        if (session.json) return printJson(template);
        out(`${template.label} (${template.type}): ${template.description}\n`);
        printTable(template.fields, FIELD_COLUMNS);
      }),
    );
}

const FIELD_COLUMNS: [string, (f: TemplateField) => unknown][] = [
  ['FIELD', (f) => f.name],
  [
    'OPTION',
    (f) => (f.target.startsWith('extra.') ? `--extra ${f.target.slice(6)}=` : f.target === 'secret' ? '(prompt)' : `--${f.target}`),
  ],
  ['KIND', (f) => f.kind],
  ['REQUIRED', (f) => (f.required ? 'yes' : '')],
  ['DEFAULT', (f) => f.default],
  [
    'WHEN',
    (f) =>
      f.when
        ? Object.entries(f.when)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : '',
  ],
  ['CHOICES', (f) => f.options?.map((option) => option.value)],
];
