import { prefixed, seedTarget, translate } from './seed-names.js';

it('finds the template that takes a system type, from the catalogue', () => {
  expect(seedTarget('secrets-broker', 'database')?.type).toBe('db_dsn');
  expect(seedTarget('secrets-broker', 'http')?.type).toBe('http_basic');
  expect(seedTarget('glassdome', 'proxmox')?.fields.user).toBe('username');
  expect(seedTarget('ops-center', 'cohere')?.type).toBe('api_key');
  expect(seedTarget('zainone', 'kerberos')).toBeUndefined();
  expect(seedTarget('nobody', 'ssh')).toBeUndefined();
});

it('places each known field, keeps unknown settings as notes and leaves unknown secrets out', () => {
  const target = seedTarget('glassdome', 'azure')!;
  const translated = translate(
    target,
    { name: 'Azure', service_type: 'azure', subscription_id: 's', tenant_id: 't', cost_center: 'ops', empty: '' },
    { client_id: 'c', client_secret: 'shh', certificate_password: 'also-secret' },
  );
  expect(translated).toEqual({
    body: {
      type: 'azure',
      name: 'Azure',
      username: 'c',
      extra: { subscription_id: 's', tenant_id: 't', additional_data: { cost_center: 'ops' } },
    },
    secret: 'shh',
    notes: ['left out (encrypted there, no field here): certificate_password', 'in additional_data: cost_center'],
  });
  expect(JSON.stringify(translated.notes)).not.toContain('also-secret');
});

it("keeps an old extra's unknown keys in extra, merges given notes, and takes the first secret", () => {
  const zainone = translate(seedTarget('zainone', 'custom')!, { name: 'c', ...prefixed('extra.', { host: 'h', endpoint: 'https://e' }) });
  expect(zainone.body).toEqual({ type: 'custom', name: 'c', host: 'h', extra: { endpoint: 'https://e' } });
  const broker = translate(
    seedTarget('secrets-broker', 'winrm')!,
    { host: 'h', purpose: 'winrm', domain: 'CORP', additional_data: { notes: 'n' }, rack: 'r1' },
    { password: 'p', token: 't' },
  );
  expect(broker.body.extra).toEqual({ domain: 'CORP', additional_data: { notes: 'n', rack: 'r1' } });
  expect(broker.secret).toBe('p');
  const proxmox = translate(seedTarget('glassdome', 'proxmox')!, {}, { password: 'a', token_value: 'b' });
  expect(proxmox.secret).toBe('a');
  expect(proxmox.notes).toEqual(['token_value left out: the secret is password']);
});
