// Fixed settings of one benchmark run. Nothing here is read from the
// environment: a run is the same on every machine, and the API under test
// gets its environment built explicitly (see keyledger-process.ts).

export const CONNECTION_LEVELS = [1, 32] as const;

/** Length of one measured run. */
export const MEASURE_SECONDS = 8;
/** Discarded load at the same connection count before each measured run. */
export const WARMUP_SECONDS = 2;
/** autocannon's per-request timeout. */
export const REQUEST_TIMEOUT_SECONDS = 10;

/** Whole run, from the first database drop to the JSON file (the build is not included). */
export const DEADLINE_MS = 330_000;
export const READY_TIMEOUT_MS = 30_000;
export const STOP_GRACE_MS = 3_000;

/** Loopback only: nothing the benchmark starts listens beyond this host. */
export const HOST = '127.0.0.1';
export const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = 'redis://127.0.0.1:6379';
export const KEYLEDGER_DATABASE = 'keyledger_bench';
/** The baseline's own database, migrated with the same migrations: same schema, separate log. */
export const BASELINE_DATABASE = 'keyledger_bench_baseline';
/** Keeps whatever the API puts in Redis apart from a development instance. */
export const REDIS_PREFIX = 'keyledger-bench';
/** pg-pool's default, which the API's MikroORM pool also uses (it passes `pool: {}`). */
export const POOL_MAX = 10;

export const databaseUrl = (name: string): string => `${POSTGRES_SERVER}/${name}`;

/** Master-key rotation: real data keys wrapped under an old key, rewrapped by worker processes. */
export const ROTATION_DATABASE = 'keyledger_bench_rotation';
export const ROTATION_DATA_KEYS = 100_000;
export const ROTATION_WORKERS = 2;
/** Queues of the rotation run, emptied before it starts. */
export const ROTATION_REDIS_PREFIX = 'keyledger-bench-rotation';
export const ROTATION_TIMEOUT_MS = 120_000;
