// A .env file -> the credentials it holds: services by their variable names,
// database URLs by shape, anything else only when a map names its type.
import type { EnvVariable } from './dotenv.js';
import { kebab, type ImportEntry, type ImportPlan, type Skipped } from './entry.js';
import { EnvPool } from './env-pool.js';
import { SERVICE_DETECTORS, type Detected } from './env-services.js';
import { detectDatabaseUrl, isDatabaseUrlVariable } from './env-urls.js';

export interface EnvImportOptions {
  /** `[VAR, TYPE]`: one variable as the secret of a TYPE credential; `[VAR, '-']`: leave it out (the CLI's --map). */
  maps: readonly (readonly [variable: string, type: string])[];
  /** Put before every credential name. */
  prefix: string;
  /** Named in each credential's description. */
  file: string;
}

export function planEnvImport(variables: EnvVariable[], options: EnvImportOptions): ImportPlan {
  const pool = new EnvPool(variables.map((v) => [v.name, v.value]));
  const entries: ImportEntry[] = [];
  const skipped: Skipped[] = [];
  const names = new Set<string>();
  const add = (detected: Detected, source: string[]) => {
    const name = unique(`${options.prefix}${detected.group}`, names);
    const description = `imported from ${options.file} (${source.join(', ')})`;
    entries.push({ source: source.join(' '), body: { name, ...detected.body, description }, notes: detected.notes });
  };
  for (const [variable, type] of options.maps) {
    const value = pool.peek(variable);
    pool.remove(variable);
    if (type === '-') skipped.push({ source: variable, reason: 'left out by --map' });
    else if (value === undefined) skipped.push({ source: variable, reason: 'empty or not in the file' });
    else add({ group: kebab(variable), body: { type, secret: value }, notes: [] }, [variable]);
  }
  for (const detect of SERVICE_DETECTORS) {
    const detected = detect(pool);
    if (detected) add(detected, pool.drainTaken());
  }
  for (const [variable, value] of pool.remaining()) {
    const result = isDatabaseUrlVariable(variable) && value !== '' ? detectDatabaseUrl(variable, value) : null;
    if (result && 'body' in result) add(result, [variable]);
    else if (result) skipped.push({ source: variable, reason: result.skip });
    else if (value === '') skipped.push({ source: variable, reason: 'empty' });
    else skipped.push({ source: variable, reason: 'not a known credential', mappable: true });
  }
  return { entries, skipped };
}

function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
  taken.add(candidate);
  return candidate;
}
