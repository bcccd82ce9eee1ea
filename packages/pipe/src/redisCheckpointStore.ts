import type { Redis } from 'ioredis'
import type { CheckpointEntry, CheckpointState, CheckpointStore } from './checkpointStore.js'
import { PipeError } from './pipeError.js'

export interface RedisCheckpointOptions {
  redis: Redis
  /** Keys are `<prefix>:pipe_checkpoint` (a hash) and `<prefix>:pipe_meta`; use the stream's name. */
  prefix: string
  /** Several pipes may share a prefix, each under its own name. @default 'default' */
  pipe?: string
}

/**
 * Checkpoints in Redis, next to the stream the pipe writes: a hash of `table:id` → `{version,value}`.
 * Redis's own persistence (AOF/RDB) decides how durable they are, as for the stream itself.
 */
export class RedisCheckpointStore implements CheckpointStore {
  readonly #redis: Redis
  readonly #hash: string
  readonly #meta: string
  readonly #inFlight: string

  constructor(options: RedisCheckpointOptions) {
    this.#redis = options.redis
    const pipe = options.pipe ?? 'default'
    this.#hash = `${options.prefix}:pipe_checkpoint:${pipe}`
    this.#meta = `${options.prefix}:pipe_meta:${pipe}`
    this.#inFlight = `${options.prefix}:pipe_in_flight:${pipe}`
  }

  async load(): Promise<CheckpointState> {
    if (this.#redis.status === 'wait') await this.#redis.connect()
    const [initialized, all, inFlight] = await Promise.all([this.#redis.hget(this.#meta, 'initialized'), this.#redis.hgetall(this.#hash), this.#redis.hgetall(this.#inFlight)])
    const entries = this.#parse(this.#hash, all)
    if (!initialized && entries.length > 0) throw new PipeError('checkpoint_unreadable', `checkpoint ${this.#hash} in Redis has entries but no ${this.#meta}; delete both to start again`)
    return { initialized: initialized !== null, entries, inFlight: this.#parse(this.#inFlight, inFlight) }
  }

  #parse(hash: string, all: Record<string, string>): CheckpointEntry[] {
    const entries: CheckpointEntry[] = []
    for (const [key, text] of Object.entries(all)) {
      const at = key.indexOf(':')
      try {
        const parsed = JSON.parse(text) as { version?: unknown; value?: unknown; snapshot?: unknown }
        if (at < 0 || !Number.isInteger(parsed.version)) throw new Error('no version')
        if (parsed.value !== null && parsed.value !== undefined && (typeof parsed.value !== 'object' || Array.isArray(parsed.value))) throw new Error('not a record')
        entries.push({
          table: key.slice(0, at),
          id: key.slice(at + 1),
          version: parsed.version as number,
          value: (parsed.value ?? undefined) as CheckpointEntry['value'],
          ...(parsed.snapshot === true ? { snapshot: true } : {}),
        })
      } catch (error) {
        throw new PipeError('checkpoint_unreadable', `checkpoint ${hash} in Redis has an unreadable entry ${key}; delete the key to start again with --snapshot`, { cause: error })
      }
    }
    return entries
  }

  async begin(entries: readonly CheckpointEntry[]): Promise<void> {
    const fields: string[] = []
    for (const entry of entries) fields.push(`${entry.table}:${entry.id}`, JSON.stringify({ version: entry.version, value: entry.value ?? null, snapshot: entry.snapshot === true }))
    const transaction = this.#redis.multi().del(this.#inFlight)
    if (fields.length > 0) transaction.hset(this.#inFlight, ...fields)
    await this.#exec(transaction)
  }

  async save(entries: readonly CheckpointEntry[]): Promise<void> {
    const fields: string[] = []
    for (const entry of entries) fields.push(`${entry.table}:${entry.id}`, JSON.stringify({ version: entry.version, value: entry.value ?? null }))
    const transaction = this.#redis.multi().hset(this.#meta, 'initialized', new Date().toISOString()).del(this.#inFlight)
    if (fields.length > 0) transaction.hset(this.#hash, ...fields)
    await this.#exec(transaction)
  }

  async #exec(transaction: ReturnType<Redis['multi']>): Promise<void> {
    const results = await transaction.exec()
    const failed = results?.find(([error]) => error)
    if (!results || failed?.[0]) throw failed?.[0] ?? new Error('checkpoint transaction aborted')
  }

  async close(): Promise<void> {}
}
