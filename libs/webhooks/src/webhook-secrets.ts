import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import type { Vault } from '#secrets';

// The signing secret is sealed like a credential's secret: its own data key
// (kl_data_keys, credential_id = the webhook id), AES-256-GCM with the
// webhook id bound into the associated data. Only the ciphertext is stored.
const INSERT_SECRET = 'insert into kl_webhook_secrets (webhook_id, ciphertext, dek_id) values (?, ?, ?)';
const SELECT_SECRET = `select s.ciphertext, s.dek_id, k.wrapped
  from kl_webhook_secrets s left join kl_data_keys k on k.dek_id = s.dek_id where s.webhook_id = ?`;
const DELETE_SECRET = 'delete from kl_webhook_secrets where webhook_id = ?';

const binding = (webhookId: string) => ({ credentialId: webhookId, secretVersion: 1 });

export async function storeWebhookSecret(tx: EntityManager, vault: Vault, webhookId: string, secret: string): Promise<void> {
  const sealed = await vault.sealFirst(tx, webhookId, secret);
  await tx.execute(INSERT_SECRET, [webhookId, sealed.ciphertext, sealed.dekId], 'run');
}

export async function openWebhookSecret(em: EntityManager, vault: Vault, webhookId: string): Promise<string> {
  const [row] = await em.execute<{ ciphertext: string; dek_id: string; wrapped: string | null }[]>(SELECT_SECRET, [webhookId]);
  if (!row) throw new KeyledgerError('NOT_FOUND', `webhook ${webhookId} has no signing secret`);
  return vault.open(em, { ciphertext: row.ciphertext, dekId: row.dek_id, preview: '' }, binding(webhookId), row.wrapped);
}

/** Deletes the sealed secret and shreds its data key. */
export async function shredWebhookSecret(tx: EntityManager, vault: Vault, webhookId: string): Promise<void> {
  await tx.execute(DELETE_SECRET, [webhookId], 'run');
  await vault.shred(tx, webhookId);
}
