// Injection tokens for the objects the API shares; one instance each per process.
export const CONFIG = Symbol('KeyledgerConfig');
export const ORM = Symbol('MikroORM');
export const KEY_PROVIDER = Symbol('KeyProvider');
export const REDIS = Symbol('Redis');
