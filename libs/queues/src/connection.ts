/** Where every queue lives: the Redis URL and the key prefix (tests isolate by prefix). */
export function queueConnection(config: { redisUrl: string; redisPrefix: string }): { connection: { url: string }; prefix: string } {
  return { connection: { url: config.redisUrl }, prefix: config.redisPrefix };
}
