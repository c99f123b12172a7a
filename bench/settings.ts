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
// Generous: on a loaded machine an API or worker can take most of a minute to start.
export const READY_TIMEOUT_MS = 90_000;
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

/** npm run soak: the defaults of its flags (see bench/README.md, "Soak"). */
export const SOAK_DURATION_SECONDS = 600;
export const SOAK_CONNECTIONS = 32;
export const SOAK_INTERVAL_SECONDS = 30;
export const SOAK_DATABASE = 'keyledger_soak';
export const SOAK_REDIS_PREFIX = 'keyledger-soak';
/** Data keys wrapped under the old master key before the start: the work of the rotation requested during the run. */
export const SOAK_ROTATION_DATA_KEYS = 20_000;
/** The master-key rotation is requested this far into the run (or at a fifth of a shorter one). */
export const SOAK_ROTATION_AT_SECONDS = 60;
/** Credentials made before the load: revealed, rotated (round robin, so two rotations of one never overlap) and tested. */
export const SOAK_REVEALED_CREDENTIALS = 20;
export const SOAK_ROTATED_CREDENTIALS = 200;
export const SOAK_TESTED_CREDENTIALS = 100;
/** The goals a soak is judged by (docs: "Memory that stays flat"). */
export const SOAK_TARGETS = {
  /** Non-2xx answers and request errors over the whole run. */
  maxErrors: 0,
  /** Growth of each process's heap after a full GC, from the baseline sample to the last. */
  maxHeapGrowthPercent: 5,
  /** RSS of each process at the last sample. */
  maxRssBytes: 250 * 1024 * 1024,
  /** The baseline sample: the first at or after this (or a fifth of a shorter run). */
  baselineSeconds: 120,
} as const;
