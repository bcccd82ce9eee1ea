import { Redis, type RedisOptions } from 'ioredis'
import { PipeError } from '../pipeError.js'

/** A Redis stream named by `redis://[user:password@]host:port/<stream>` (rediss:// for TLS). */
export interface RedisTarget {
  host: string
  port: number
  username?: string
  password?: string
  tls: boolean
  stream: string
  /** For logs and errors: no password. */
  display: string
}

const STREAM_NAME = /^[A-Za-z0-9:_.\-{}]{1,200}$/

export function parseRedisTarget(text: string, streamOverride?: string): RedisTarget {
  let url: URL
  try {
    url = new URL(text)
  } catch (error) {
    throw new PipeError('invalid_target', `${JSON.stringify(text.replace(/\/\/[^@/]*@/, '//***@'))} is not a redis:// URL`, { cause: error })
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new PipeError('invalid_target', `expected redis://host:port/<stream>, got a ${url.protocol} URL`)
  const stream = streamOverride ?? decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!STREAM_NAME.test(stream)) {
    throw new PipeError('invalid_target', `redis target needs a stream name (letters, digits, : _ . - { }): redis://${url.host}/<stream>${streamOverride === undefined ? '' : ' or --stream'}`)
  }
  const port = url.port === '' ? 6379 : Number(url.port)
  return {
    host: url.hostname || '127.0.0.1',
    port,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
    stream,
    display: `${url.protocol}//${url.host}/${stream}`,
  }
}

/**
 * A client that fails commands at once while disconnected (no offline queue), so the pipe's own
 * retries and backoff show in its stats, and reconnects in the background forever.
 */
/** The connection settings a caller may change. */
export type RedisConnectionOptions = Pick<RedisOptions, 'retryStrategy' | 'connectTimeout' | 'maxRetriesPerRequest'>

export function connectRedis(target: RedisTarget, options: RedisConnectionOptions = {}): Redis {
  return new Redis({
    host: target.host,
    port: target.port,
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
    ...options,
  })
}

/** Connects and pings once, or throws `sink_unreachable` (a startup check: the target is wrong or down). */
export async function probeRedis(target: RedisTarget, timeoutMs = 5_000): Promise<void> {
  const redis = connectRedis(target, { retryStrategy: () => null, connectTimeout: timeoutMs })
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than "Connection is closed".
  let socketError: Error | undefined
  redis.on('error', (error: Error) => (socketError ??= error))
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    const reason = (socketError ?? (error instanceof Error ? error : undefined))?.message ?? String(error)
    throw new PipeError('sink_unreachable', `cannot reach Redis at ${target.display} (${reason}); is redis-server running there?`, { cause: error })
  } finally {
    redis.disconnect()
  }
}
