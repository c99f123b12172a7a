import type { EntityManager } from '@mikro-orm/postgresql';

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Rejects if `promise` has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns true; fails after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const LOCK_WAITERS = `select count(*)::int as waiting from pg_stat_activity
where datname = current_database() and wait_event_type = 'Lock'`;

/** Waits until `count` sessions of this database wait on a lock: proof that a statement is blocked. */
export async function waitForLockWaiters(em: EntityManager, count = 1, ms = 5000): Promise<void> {
  await eventually(
    async () => {
      const rows: { waiting: number }[] = await em.fork().execute(LOCK_WAITERS);
      return rows[0]!.waiting >= count;
    },
    ms,
    `${count} session(s) waiting on a lock`,
  );
}
