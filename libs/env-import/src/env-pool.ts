// The variables of a .env file, taken one by one by the detectors so that
// each variable feeds at most one credential.

export class EnvPool {
  private readonly values: Map<string, string>;
  private taken: string[] = [];

  constructor(variables: Iterable<[string, string]>) {
    this.values = new Map(variables);
  }

  /** The first of these variables that is set and not empty, without taking it. */
  peek(...names: string[]): string | undefined {
    return names.map((name) => this.values.get(name)).find((value) => value !== undefined && value !== '');
  }

  /** Like peek, and the variable is used up. */
  take(...names: string[]): string | undefined {
    const name = names.find((n) => (this.values.get(n) ?? '') !== '');
    if (name === undefined) return undefined;
    const value = this.values.get(name)!;
    this.values.delete(name);
    this.taken.push(name);
    return value;
  }

  /** Names taken since the last call: the source of one credential. */
  drainTaken(): string[] {
    const taken = this.taken;
    this.taken = [];
    return taken;
  }

  remaining(): [string, string][] {
    return [...this.values];
  }

  remove(name: string): void {
    this.values.delete(name);
  }
}

/** false for false/0/no/off (any case), true for true/1/yes/on, else undefined. */
export function envBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(false|0|no|off)$/i.test(value.trim())) return false;
  if (/^(true|1|yes|on)$/i.test(value.trim())) return true;
  return undefined;
}

/** `https://pve.example.com:8006/api2/json` or `pve:8006` -> host and port. */
export function hostAndPort(value: string): { host: string; port?: number } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `scheme://${value}`;
  const url = URL.parse(withScheme);
  if (!url || url.hostname === '') return { host: value };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return url.port === '' ? { host } : { host, port: Number(url.port) };
}

/** Keeps only defined values: a body without `undefined` noise. */
export function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
