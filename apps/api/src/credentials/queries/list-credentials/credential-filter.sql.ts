import { ValidationError } from '#domain';
import type { ListCredentialsQueryDto } from './list-credentials.dto.js';

export interface SqlFilter {
  where: string;
  params: unknown[];
}

/** WHERE clause of a credential listing; every value travels as a parameter. */
export function credentialFilter(tenant: string, f: ListCredentialsQueryDto): SqlFilter {
  const clauses = ['tenant = ?'];
  const params: unknown[] = [tenant];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (f.type) add('type = ?', f.type);
  if (f.status) add('status = ?', f.status);
  if (f.active_only) add("status = 'active'");
  if (f.label) add('labels @> array[?]::text[]', f.label);
  if (f.host) add('host = ?', f.host);
  if (f.purpose) add('purpose = ?', f.purpose);
  if (f.q) add("(name ilike ? escape '\\' or description ilike ? escape '\\')", ...Array(2).fill(`%${escapeLike(f.q)}%`));
  return { where: clauses.join(' and '), params };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface PageCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): PageCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt))) return { createdAt, id };
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'pass the nextCursor of a previous page unchanged' }]);
}
