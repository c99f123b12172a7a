import { EnvKeyProvider, openSecret } from '#crypto';
import { singleRow } from '#database';
import { readStream, verifyLog } from '#event-store';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_encryption');
});
afterAll(() => api.close());

const sql = (query: string, params: unknown[] = []) => api.orm.em.fork().execute(query, params);
const create = async (name: string, secret: string) =>
  (await api.request('POST', '/v1/credentials', { body: openAiCredential(name, secret) })).json();

describe('envelope encryption (invariant 2)', () => {
  it('gives each credential its own data key, wrapped by the active master key', async () => {
    const a = await create('dek-a', openAiKey('aaaa1111'));
    const b = await create('dek-b', openAiKey('bbbb2222'));
    const keys = await sql('select credential_id, kek_id, wrapped from kl_data_keys where credential_id in (?, ?)', [a.id, b.id]);
    expect(keys).toHaveLength(2);
    expect(keys.every((k: any) => k.kek_id === 'k1' && k.wrapped.startsWith('kw1.k1.'))).toBe(true);
  });

  it('refuses to decrypt a ciphertext copied onto another credential', async () => {
    const a = await create('copy-a', openAiKey('aaaa3333'));
    const b = await create('copy-b', openAiKey('bbbb4444'));
    const rowA = singleRow(await sql('select secret_ciphertext, dek_id from kl_credentials where id = ?', [a.id]));
    // B now points at A's ciphertext and A's data key: only the binding can stop it.
    await sql('update kl_credentials set secret_ciphertext = ?, dek_id = ? where id = ?', [rowA.secret_ciphertext, rowA.dek_id, b.id]);
    const reply = await api.request('POST', `/v1/credentials/${b.id}/reveal`);
    expect(reply.statusCode).toBe(500);
    expect(reply.body).not.toContain('aaaa3333');
    expect((await api.request('POST', `/v1/credentials/${a.id}/reveal`)).json().secret).toBe(openAiKey('aaaa3333'));
  });

  it('refuses an older secret version replayed as the current one', async () => {
    const c = await create('replay-c', openAiKey('old55555'));
    const v1 = singleRow(await sql('select secret_ciphertext from kl_credentials where id = ?', [c.id]));
    await api.request('POST', `/v1/credentials/${c.id}/rotate`, { body: { secret: openAiKey('new66666') } });
    await sql('update kl_credentials set secret_ciphertext = ? where id = ?', [v1.secret_ciphertext, c.id]);
    expect((await api.request('POST', `/v1/credentials/${c.id}/reveal`)).statusCode).toBe(500);
  });
});

describe('crypto-shredding (invariant 4)', () => {
  it('destroy deletes the data key: the events stay and verify, their ciphertexts no longer open', async () => {
    const secret = openAiKey('shred777');
    const { id } = await create('shred-me', secret);
    await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('shred888') } });
    const { wrapped } = singleRow(await sql('select wrapped from kl_data_keys where credential_id = ?', [id]));

    expect((await api.request('POST', `/v1/credentials/${id}/destroy`)).statusCode).toBe(200);

    expect(await sql('select 1 from kl_data_keys where credential_id = ?', [id])).toHaveLength(0);
    const stream = await readStream(api.orm.em.fork(), `credential-${id}`);
    expect(stream.events.map((e) => e.type)).toEqual(['CredentialRegistered', 'SecretRotated', 'CredentialDestroyed']);
    const sealed = stream.events[0]!.data.secret;
    // Only the deleted wrapped key (kept aside by this test) could still open it:
    const keys = new EnvKeyProvider(api.config.masterKeys);
    const dek = await keys.unwrapKey(wrapped, sealed.dekId);
    expect(openSecret(dek, sealed.ciphertext, { credentialId: id, secretVersion: 1 })).toBe(secret);
    // ...and the vault, which only has the key table, cannot:
    expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(409);
    expect((await verifyLog(api.orm.em.fork())).ok).toBe(true);
  });
});
