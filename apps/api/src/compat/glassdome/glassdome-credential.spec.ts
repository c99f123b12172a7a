import { getTemplate, ValidationError } from '#domain';
import type { CredentialResponse } from '../../credentials/credential.response.js';
import { rotationSecretOf, toGlassdome } from './glassdome-credential.js';
import { glassdomeForm, templateOfServiceType } from './glassdome-form.js';

const proxmox = getTemplate('proxmox')!;

describe('glassdomeForm', () => {
  it('keys conditional fields by the choice that shows them, in Glassdome names', () => {
    const form = glassdomeForm(proxmox);
    expect(Object.keys(form.conditional_fields!).sort()).toEqual(['auth_method=api_token', 'auth_method=password']);
    expect(form.conditional_fields!['auth_method=api_token']!.map((f) => [f.name, f.type])).toEqual([
      ['token_name', 'text'],
      ['token_value', 'password'],
    ]);
    expect(form.required_fields.find((f) => f.name === 'user')).toEqual({
      name: 'user',
      type: 'text',
      label: 'Username',
      default: 'root@pam',
    });
  });

  it('offers a text field with suggestions as a select of them', () => {
    const model = glassdomeForm(getTemplate('openai')!).required_fields.find((f) => f.name === 'model');
    expect(model).toMatchObject({ type: 'select', options: ['gpt-4', 'gpt-4-turbo', 'gpt-3.5-turbo'], required: false });
  });

  it('finds a template by its Glassdome service type, else by its own type', () => {
    expect(templateOfServiceType('proxmox')?.type).toBe('proxmox');
    expect(templateOfServiceType('github')?.type).toBe('github');
    expect(templateOfServiceType('nothing')).toBeUndefined();
  });
});

describe('toGlassdome', () => {
  it('puts the settings in config under Glassdome names, and keeps unknown settings as they are', () => {
    const credential = {
      id: 'c1',
      name: 'Proxmox Production',
      type: 'proxmox',
      username: 'root@pam',
      host: '192.168.1.100',
      purpose: null,
      extra: { auth_method: 'api_token', token_name: 'glassdome-token', port: 8006, legacy: 'x' },
      status: 'active',
      lastTestedAt: null,
      lastTestStatus: 'failed',
      createdAt: 't0',
      updatedAt: 't1',
      expiresAt: null,
    } as unknown as CredentialResponse;
    expect(toGlassdome(credential)).toMatchObject({
      service_type: 'proxmox',
      config: { host: '192.168.1.100', user: 'root@pam', auth_method: 'api_token', token_name: 'glassdome-token', port: 8006, legacy: 'x' },
      last_test_status: false,
    });
  });
});

describe('rotationSecretOf', () => {
  it('takes the secret under "secret" or any name of the secret fields', () => {
    expect(rotationSecretOf({ token_value: 'v' }, proxmox)).toBe('v');
    expect(rotationSecretOf({ password: 'p' }, proxmox)).toBe('p');
    expect(rotationSecretOf({ secret: 's' }, proxmox)).toBe('s');
    expect(rotationSecretOf({}, proxmox)).toBeUndefined();
  });

  it('refuses other fields and a secret sent twice', () => {
    expect(() => rotationSecretOf({ host: 'h' }, proxmox)).toThrow(ValidationError);
    expect(() => rotationSecretOf({ password: 'a', token_value: 'b' }, proxmox)).toThrow(ValidationError);
  });
});
