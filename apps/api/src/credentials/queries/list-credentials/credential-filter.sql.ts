import { foldName } from '#domain';
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
  if (f.name !== undefined) add('name_key = ?', foldName(f.name));
  // The folded key makes the name match ignore case in every script, whatever
  // the database's collation does for ilike.
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    add(
      "(name ilike ? escape '\\' or name_key like ? escape '\\' or description ilike ? escape '\\')",
      pattern,
      `%${escapeLike(foldName(f.q))}%`,
      pattern,
    );
  }
  return { where: clauses.join(' and '), params };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
