// Injection tokens of the resources a process shares; one instance each per process.
export const CONFIG = Symbol('KeyledgerConfig');
export const ORM = Symbol('MikroORM');
export const KEY_PROVIDER = Symbol('KeyProvider');
export const REDIS = Symbol('Redis');
