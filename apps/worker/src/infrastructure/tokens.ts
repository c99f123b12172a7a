// Injection tokens of the worker's shared resources; one instance each per process.
export const CONFIG = Symbol('KeyledgerConfig');
export const ORM = Symbol('MikroORM');
export const KEY_PROVIDER = Symbol('KeyProvider');
export const REDIS = Symbol('Redis');
export const JOB_ROUTES_TOKEN = Symbol('JobRoutes');
