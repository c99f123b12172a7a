// keyledger export --encrypted: a backup only a holder of the key (or
// passphrase) can import. Each secret is revealed through the API, so each
// read is in the audit trail; the plaintext never touches the disk.
import { setTimeout as sleep } from 'node:timers/promises';
import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { RateLimitedError, type Credential, type CredentialPage, type HttpTransport, type RevealedSecret } from '#client';
import { CliError, UsageError } from '../errors.js';
import { out, printJson, say } from '../output.js';
import { readPages } from '../paging.js';
import { withSession } from '../session.js';
import { EXPORT_FORMAT, type ExportDocument } from '../import/export-document.js';
import type { CredentialBody } from '#env-import';
import { exportSecret, writeExportFile, type SealingOptions } from '../import/sealing.js';

interface ExportOptions extends SealingOptions {
  encrypted?: boolean;
  out: string;
  force?: boolean;
  type?: string;
  label?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('an encrypted backup of the active credentials, secrets included (admin; every reveal is audited)')
    .option('--encrypted', 'required: exports are always sealed (AES-256-GCM)')
    .requiredOption('--out <file>', 'where to write it (mode 600)')
    .option('--key-file <path>', 'seal with this 32-byte key (openssl rand -base64 32 > export.key)')
    .option('--passphrase-file <path>', 'seal with the passphrase in this file (else one is asked for without echo)')
    .option('--force', 'overwrite the file if it exists')
    .option('--type <type>', 'only credentials of this type')
    .option('--label <label>', 'only credentials with this label')
    .action(
      withSession<ExportOptions>(async (session, _args, o) => {
        if (!o.encrypted) throw new UsageError('exports are always encrypted: add --encrypted');
        // Everything that can fail locally fails before the first secret is revealed.
        if (
          !o.force &&
          (await access(o.out).then(
            () => true,
            () => false,
          ))
        )
          throw new CliError(`${o.out} exists: choose another file, or --force`);
        const secret = await exportSecret(o, null);
        const credentials = await activeCredentials(session.api, o);
        const bodies: CredentialBody[] = [];
        for (const c of credentials) {
          const revealed = await revealPatiently(session.api, c.id);
          bodies.push({
            name: c.name,
            type: c.type,
            username: c.username,
            host: c.host,
            purpose: c.purpose,
            extra: c.extra,
            labels: c.labels,
            description: c.description,
            expiresAt: c.expiresAt,
            secret: revealed.secret,
          });
        }
        const exportedAt = new Date().toISOString();
        const document: ExportDocument = { format: EXPORT_FORMAT, version: 1, exportedAt, source: session.addr, credentials: bodies };
        await writeExportFile(o.out, Buffer.from(JSON.stringify(document)), secret, { count: bodies.length, exportedAt }, o.force ?? false);
        const sealedWith = 'key' in secret ? 'key file' : 'passphrase';
        const result = { file: o.out, count: bodies.length, sealedWith };
        if (session.json) return printJson(result);
        say(`sealed with a ${sealedWith}; import it with: keyledger import encrypted ${o.out}`);
        out(`exported ${bodies.length} credential(s) to ${o.out}`);
      }),
    );
}

async function activeCredentials(api: HttpTransport, o: ExportOptions): Promise<Credential[]> {
  const query = { status: 'active', type: o.type, label: o.label, limit: 200 };
  return (await readPages(api, '/v1/credentials', query, (b: CredentialPage) => b.credentials, { all: true })).items;
}

/** A large export meets the reveal rate limit: wait as long as the API says, then go on. */
async function revealPatiently(api: HttpTransport, id: string): Promise<RevealedSecret> {
  for (;;) {
    try {
      return (await api.request<RevealedSecret>('POST', `/v1/credentials/${id}/reveal`, { retry: true })).body;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      const seconds = error.retryAfterSeconds ?? 1;
      say(`reveal rate limit reached; going on in ${seconds} s`);
      await sleep(seconds * 1000);
    }
  }
}
