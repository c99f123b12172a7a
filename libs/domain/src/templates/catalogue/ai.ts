import { extraField, secretField, urlField, usernameField } from '../fields.js';
import type { TemplateDefinition } from '../types.js';

export const openai: TemplateDefinition = {
  type: 'openai',
  label: 'OpenAI',
  category: 'service',
  description: 'An OpenAI API key (project or user key).',
  testable: true,
  fields: [
    secretField('api_key', 'API key', { format: { prefixes: ['sk-'], minLength: 20 }, placeholder: 'sk-proj-…' }),
    extraField('model', 'text', 'Default model', { suggestions: ['gpt-4', 'gpt-4-turbo', 'gpt-3.5-turbo'] }),
    extraField('organization', 'text', 'Organization ID', { format: { prefixes: ['org-'] } }),
    extraField('project', 'text', 'Project ID', { format: { prefixes: ['proj_'] } }),
    urlField('base_url', 'Base URL', { default: 'https://api.openai.com/v1', help: 'Change for Azure OpenAI or a proxy.' }),
  ],
};

export const anthropic: TemplateDefinition = {
  type: 'anthropic',
  label: 'Anthropic',
  category: 'service',
  description: 'An Anthropic API key.',
  testable: true,
  fields: [
    secretField('api_key', 'API key', { format: { prefixes: ['sk-ant-'], minLength: 20 }, placeholder: 'sk-ant-api03-…' }),
    extraField('model', 'text', 'Default model', { suggestions: ['claude-3-opus', 'claude-3-sonnet', 'claude-3-haiku'] }),
    urlField('base_url', 'Base URL', { default: 'https://api.anthropic.com' }),
  ],
};

export const huggingface: TemplateDefinition = {
  type: 'huggingface',
  label: 'Hugging Face',
  category: 'service',
  description: 'A Hugging Face user access token (read, write or fine-grained).',
  testable: true,
  fields: [
    secretField('token', 'Access token', { format: { prefixes: ['hf_'], minLength: 20 }, placeholder: 'hf_…' }),
    usernameField({ required: false, label: 'User or organization', help: 'Namespace the token is used for.' }),
    urlField('endpoint', 'Hub endpoint', { default: 'https://huggingface.co' }),
  ],
};
