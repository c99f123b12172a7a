import { getTemplate } from '#domain';
import { UsageError } from '../errors.js';
import { collect, missingOptions, parseExtraPairs, secretPromptFor, withoutNulls } from './fields.js';

const proxmox = getTemplate('proxmox')!;

it('parses key=value pairs, typed by the template, and keeps = inside values', () => {
  expect(parseExtraPairs(['port=8007', 'verify_tls=false', 'realm=pve', 'note=a=b'], proxmox)).toEqual({
    port: 8007,
    verify_tls: false,
    realm: 'pve',
    note: 'a=b',
  });
  expect(parseExtraPairs(['port=80'])).toEqual({ port: '80' });
});

it('parses the additional_data setting as a JSON object', () => {
  expect(parseExtraPairs(['additional_data={"notes":"Production server"}'], proxmox)).toEqual({
    additional_data: { notes: 'Production server' },
  });
  expect(() => parseExtraPairs(['additional_data=[1]'], proxmox)).toThrow('--extra additional_data must be a JSON object');
  expect(() => parseExtraPairs(['additional_data=notes'], proxmox)).toThrow(UsageError);
});

it('reads an empty value as null (removes the key on update; left out on create)', () => {
  const extra = parseExtraPairs(['realm=', 'port=1'], proxmox);
  expect(extra).toEqual({ realm: null, port: 1 });
  expect(withoutNulls(extra)).toEqual({ port: 1 });
});

it('refuses malformed pairs and values of the wrong kind as usage errors', () => {
  expect(() => parseExtraPairs(['novalue'])).toThrow(UsageError);
  expect(() => parseExtraPairs(['port=http'], proxmox)).toThrow('--extra port must be a whole number');
  expect(() => parseExtraPairs(['verify_tls=yes'], proxmox)).toThrow('--extra verify_tls must be true or false');
});

it('collects repeated options', () => {
  expect(collect('b', collect('a', []))).toEqual(['a', 'b']);
});

it('asks for the secret field the choices switch on', () => {
  expect(secretPromptFor(proxmox, {}, {})).toEqual({ label: 'Token secret', multiline: false });
  expect(secretPromptFor(proxmox, {}, { auth_method: 'password' })).toEqual({ label: 'Password', multiline: false });
  expect(secretPromptFor(getTemplate('ssh')!, {}, {})).toEqual({ label: 'Private key', multiline: true });
  expect(secretPromptFor(getTemplate('openai')!, {}, {}).label).toBe('API key');
});

it('names the options a credential still needs before its secret is asked for', () => {
  expect(missingOptions(proxmox, {}, {})).toEqual(['--host (Host)', '--extra token_name=...']);
  expect(missingOptions(proxmox, { host: 'pve', username: 'u' }, { auth_method: 'password' })).toEqual([]);
  expect(missingOptions(getTemplate('namecheap')!, { username: 'acme' }, {})).toEqual(['--extra client_ip=...']);
  expect(missingOptions(getTemplate('openai')!, {}, {})).toEqual([]);
});
