// Injection tokens of the worker's shared resources; one instance each per process.
export { CONFIG, KEY_PROVIDER, ORM, REDIS } from '#infrastructure';
export const JOB_ROUTES_TOKEN = Symbol('JobRoutes');
