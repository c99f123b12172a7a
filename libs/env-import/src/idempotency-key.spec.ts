import { createHash } from 'node:crypto';
import type { ImportEntry } from './entry.js';
import { idempotencyKey } from './idempotency-key.js';

const entry = (name: string, type: string, secret: string, rowKey?: string): ImportEntry => ({
  source: 'X',
  body: { name, type, secret },
  notes: [],
  ...(rowKey !== undefined ? { rowKey } : {}),
});

// The keys of imports made before the key moved to Web Crypto: they must keep replaying.
const nodeKey = (kind: string, identity: unknown[]) =>
  `import.${kind}.${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 40)}`;

it('derives the key from name and type, the same as node:crypto did, whatever the secret', async () => {
  const key = await idempotencyKey('env', entry('lab-openai', 'openai', 'sk-one'));
  expect(key).toBe(nodeKey('env', ['lab-openai', 'openai']));
  await expect(idempotencyKey('env', entry('lab-openai', 'openai', 'sk-two'))).resolves.toBe(key);
  await expect(idempotencyKey('fernet', entry('lab-openai', 'openai', 'sk-one'))).resolves.not.toBe(key);
  await expect(idempotencyKey('env', entry('lab-openai', 'api_key', 'sk-one'))).resolves.not.toBe(key);
});

it('derives it from the source row when there is one, names in any script included', async () => {
  await expect(idempotencyKey('zainone', entry('a', 'b', 's', 'zainone:credentials:42'))).resolves.toBe(
    nodeKey('zainone', ['zainone:credentials:42']),
  );
  await expect(idempotencyKey('env', entry('Ключ-ß-🔑', 'api_key', 's'))).resolves.toBe(nodeKey('env', ['Ключ-ß-🔑', 'api_key']));
});
