import type { Redis } from 'ioredis'
import type { PipeSink } from '../sink.js'
import { connectRedis, type RedisTarget } from './redisConnection.js'

export interface RedisSinkOptions {
  /** Where to XADD. */
  target: RedisTarget
  /** The stream is trimmed to about this many entries (`MAXLEN ~`). @default 100000 */
  maxLen?: number
  /** A client to use instead of connecting (it is not closed by the sink). */
  redis?: Redis
}

/**
 * Appends each event to a Redis stream (`XADD <stream> MAXLEN ~ <n> * id <event id> type <type>
 * event <json>`), a batch per pipelined round trip. Consumers read it in a group
 * (`consumeStream`, `notion-rx consume`). While Redis is down, deliveries fail and the pipe retries.
 */
export function redisSink(options: RedisSinkOptions): PipeSink & { readonly redis: Redis } {
  const maxLen = options.maxLen ?? 100_000
  const redis = options.redis ?? connectRedis(options.target)
  // Connection errors are retried by the pipe; without a listener they would crash the process.
  redis.on('error', () => {})
  const { stream } = options.target
  return {
    name: `redis ${options.target.display}`,
    redis,
    async deliver(events) {
      if (redis.status === 'wait') await redis.connect()
      const batch = redis.pipeline()
      for (const event of events) batch.xadd(stream, 'MAXLEN', '~', maxLen, '*', 'id', event.id, 'type', event.type, 'event', JSON.stringify(event))
      const results = (await batch.exec()) ?? []
      const failed = results.find(([error]) => error)
      if (failed?.[0]) throw failed[0]
      if (results.length !== events.length) throw new Error(`redis answered ${results.length} of ${events.length} XADDs`)
    },
    async close() {
      if (!options.redis) redis.disconnect()
    },
  }
}
