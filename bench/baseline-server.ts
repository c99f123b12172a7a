// The bare baseline: node:http and a pg Pool, no framework, no auth, no
// crypto. Per request it does the database work of Keyledger's endpoint
// (baseline-sql.ts) and answers a small JSON. Started by run.ts as a child:
//   node baseline-server.js --port <n> --database-url <url> --tenant <t> --pool-max <n>
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { INSERT_ACCESS_RECORD, INSERT_REGISTERED, SELECT_NAME_TAKEN, SELECT_REVEAL } from './baseline-sql.js';

const HASH_HEAD = '["kl-event-v1",';
const REVEAL_PATH = /^\/reveal\/([0-9a-f-]{36})$/;
const MAX_BODY_BYTES = 64 * 1024;

interface Options {
  port: number;
  databaseUrl: string;
  tenant: string;
  poolMax: number;
}

type Reply = { status: number; body: unknown };

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'database-url': { type: 'string' },
      tenant: { type: 'string' },
      'pool-max': { type: 'string' },
    },
  });
  const port = Number(values.port);
  const poolMax = Number(values['pool-max']);
  if (!Number.isInteger(port) || !values['database-url'] || !values.tenant || !Number.isInteger(poolMax)) {
    throw new Error('usage: baseline-server --port <n> --database-url <url> --tenant <t> --pool-max <n>');
  }
  return { port, databaseUrl: values['database-url'], tenant: values.tenant, poolMax };
}

/** The part of the event document after the position, as Keyledger's hash splits it. */
function hashTail(streamId: string, version: number | null, tenant: string, type: string, eventId: string, data: unknown): string {
  return `,${JSON.stringify([streamId, version, tenant, type, eventId, data, {}, null]).slice(1)}`;
}

async function reveal(pool: pg.Pool, tenant: string, id: string, req: IncomingMessage): Promise<Reply> {
  const found = await pool.query(SELECT_REVEAL, [id, tenant, 'baseline', '[]']);
  const row = found.rows[0];
  if (row === undefined) return { status: 404, body: { message: 'not found' } };
  const eventId = randomUUID();
  const streamId = `access-${row.id}`;
  // Keys in sorted order, as Keyledger's canonical JSON would write them.
  const data = {
    actor: 'baseline',
    at: new Date().toISOString(),
    clientIp: req.socket.remoteAddress ?? null,
    credentialId: row.id,
    secretVersion: row.secret_version,
    userAgent: req.headers['user-agent'] ?? null,
    via: 'reveal',
  };
  const tail = hashTail(streamId, null, row.tenant, 'SecretRevealed', eventId, data);
  const inserted = await pool.query(INSERT_ACCESS_RECORD, [
    eventId,
    streamId,
    'access',
    row.tenant,
    'SecretRevealed',
    JSON.stringify(data),
    HASH_HEAD,
    tail,
  ]);
  const body = { id: row.id, name: row.name, type: row.type, username: row.username, extra: row.extra };
  return { status: 200, body: { ...body, secretVersion: row.secret_version, position: inserted.rows[0].global_position } };
}

async function create(pool: pg.Pool, tenant: string, raw: string): Promise<Reply> {
  const input = JSON.parse(raw) as { name?: unknown; type?: unknown; secret?: unknown };
  const { name, type, secret } = input;
  if (typeof name !== 'string' || typeof type !== 'string' || typeof secret !== 'string') {
    return { status: 400, body: { message: 'name, type and secret must be strings' } };
  }
  const taken = await pool.query(SELECT_NAME_TAKEN, [tenant, name]);
  if (taken.rowCount !== 0) return { status: 409, body: { message: `name "${name}" is taken` } };
  const id = randomUUID();
  const eventId = randomUUID();
  const streamId = `credential-${id}`;
  // The secret itself is never stored: only a preview, as in Keyledger's read model.
  const secretPreview = `${secret.slice(0, 4)}…${secret.slice(-4)}`;
  const data = { credentialId: id, credentialType: type, name, secretPreview, tenant };
  const tail = hashTail(streamId, 1, tenant, 'CredentialRegistered', eventId, data);
  await pool.query(INSERT_REGISTERED, [eventId, streamId, tenant, JSON.stringify(data), HASH_HEAD, tail]);
  return { status: 201, body: { id, name, type, secretPreview, version: 1 } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function route(pool: pg.Pool, options: Options, req: IncomingMessage): Promise<Reply> {
  const body = await readBody(req);
  if (req.method === 'GET' && req.url === '/health') {
    await pool.query('select 1');
    return { status: 200, body: { status: 'ok' } };
  }
  const revealMatch = req.method === 'POST' ? REVEAL_PATH.exec(req.url ?? '') : null;
  if (revealMatch) return reveal(pool, options.tenant, revealMatch[1]!, req);
  if (req.method === 'POST' && req.url === '/credentials') return create(pool, options.tenant, body);
  return { status: 404, body: { message: 'no such route' } };
}

function send(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function main(): void {
  const options = readOptions();
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolMax });
  pool.on('error', (error) => process.stderr.write(`baseline: idle client error: ${error.message}\n`));
  const server = createServer((req, res) => {
    route(pool, options, req).then(
      (reply) => send(res, reply),
      (error: unknown) => send(res, { status: 500, body: { message: error instanceof Error ? error.message : 'error' } }),
    );
  });
  server.keepAliveTimeout = 30_000;
  const stop = () => server.close(() => void pool.end().finally(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  server.listen(options.port, '127.0.0.1');
}

main();
