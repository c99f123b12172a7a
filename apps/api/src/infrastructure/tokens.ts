// Injection tokens for the objects the API shares: those of #infrastructure.
export { CONFIG, KEY_PROVIDER, ORM, REDIS } from '#infrastructure';
