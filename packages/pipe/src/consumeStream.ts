import { hostname } from 'node:os'
import type { Redis } from 'ioredis'
import { BehaviorSubject, type Observable } from 'rxjs'
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js'
import type { PipeLogEntry } from './pipe.js'
import { PipeError } from './pipeError.js'
import { pipeEventSchema, type PipeEvent } from './pipeEvent.js'
import { toPipeSink, type Sink, type SinkContext } from './sink.js'
import { connectRedis, type RedisTarget } from './sinks/redisConnection.js'

export interface ConsumeOptions {
  /** The stream (as the pipe's `redis://host:port/<stream>`). */
  target: RedisTarget
  /** The consumer group (created at the stream's start if missing). */
  group: string
  /** This consumer's name in the group. @default `<hostname>-<pid>` */
  consumer?: string
  sink: Sink
  /** Entries per read. @default 100 */
  batchSize?: number
  /** How long one read waits for new entries. @default 1000 */
  blockMs?: number
  /** Entries another consumer has held unacknowledged this long are claimed (it is taken for dead). @default 30000 */
  claimIdleMs?: number
  retry?: BackoffOptions
  log?: (entry: PipeLogEntry) => void
  /** A client to use instead of connecting (closed with the consumer). */
  redis?: Redis
}

export interface ConsumerStats {
  delivered: number
  /** Entries claimed from consumers that stopped acknowledging. */
  claimed: number
  retrying: number
  deadLettered: number
  /** Entries that were not events (acknowledged and logged, never delivered). */
  malformed: number
  state: 'starting' | 'consuming' | 'closed' | 'failed'
}

export interface ConsumerHandle {
  readonly stats$: Observable<ConsumerStats>
  readonly stats: ConsumerStats
  /** Resolves once the group exists and reading started. */
  readonly ready: Promise<void>
  readonly done: Promise<void>
  close(): Promise<void>
}

type Entry = [id: string, fields: string[] | null]

const GROUP_NAME = /^[A-Za-z0-9:_.\-]{1,200}$/

/** Throws `invalid_option` unless the group and consumer names are 1–200 of letters, digits, `: _ . -`. */
export function checkConsumerNames(group: string, consumer?: string): void {
  if (!GROUP_NAME.test(group)) throw new PipeError('invalid_option', `group name ${JSON.stringify(group)}: use 1 to 200 letters, digits, : _ . -`)
  if (consumer !== undefined && !GROUP_NAME.test(consumer)) throw new PipeError('invalid_option', `consumer name ${JSON.stringify(consumer)}: use 1 to 200 letters, digits, : _ . -`)
}

/**
 * One consumer of a consumer group over a pipe's Redis stream: XREADGROUP (its own unacknowledged
 * entries first, after a restart), the sink, then XACK; entries a dead consumer left pending longer
 * than `claimIdleMs` are taken over with XAUTOCLAIM. Run any number of them, on any machines.
 */
export function consumeStream(options: ConsumeOptions): ConsumerHandle {
  const consumer = options.consumer ?? `${hostname()}-${process.pid}`
  checkConsumerNames(options.group, consumer)
  const batchSize = options.batchSize ?? 100
  const blockMs = options.blockMs ?? 1_000
  const claimIdleMs = options.claimIdleMs ?? 30_000
  const { stream } = options.target
  const sink = toPipeSink(options.sink)
  const redis = options.redis ?? connectRedis(options.target, { maxRetriesPerRequest: 1 })
  redis.on('error', () => {})
  const stats$ = new BehaviorSubject<ConsumerStats>({ delivered: 0, claimed: 0, retrying: 0, deadLettered: 0, malformed: 0, state: 'starting' })
  const update = (patch: Partial<ConsumerStats>) => stats$.next({ ...stats$.getValue(), ...patch })
  const abort = new AbortController()
  const log = (entry: PipeLogEntry) => options.log?.(entry)
  const context: SinkContext = {
    signal: abort.signal,
    retrying: (attempt, reason, delayMs) => {
      update({ retrying: stats$.getValue().retrying + 1 })
      log({ level: 'warn', message: 'delivery failed, retrying', sink: sink.name, attempt, reason, delayMs })
    },
    deadLettered: (events, reason) => {
      update({ deadLettered: stats$.getValue().deadLettered + events.length })
      log({ level: 'error', message: 'events dead-lettered', sink: sink.name, count: events.length, ids: events.map((event) => event.id), reason })
    },
  }

  /** Runs a Redis step until it works (Redis may be restarting), with backoff. */
  async function persist<T>(what: string, step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (redis.status === 'wait') await redis.connect()
        return await step()
      } catch (error) {
        if (abort.signal.aborted) throw error
        const delayMs = backoffDelay(attempt, options.retry)
        update({ retrying: stats$.getValue().retrying + 1 })
        log({ level: 'warn', message: `${what} failed, retrying`, attempt, reason: error instanceof Error ? error.message : String(error), delayMs })
        await sleep(delayMs, abort.signal)
      }
    }
  }

  async function deliver(entries: readonly Entry[]): Promise<void> {
    const events: PipeEvent[] = []
    let malformed = 0
    for (const [id, fields] of entries) {
      // null fields: trimmed by MAXLEN before anyone read it; nothing to deliver.
      if (!fields) continue
      const at = fields.indexOf('event')
      const parsed = at >= 0 && at % 2 === 0 ? safeEvent(fields[at + 1]) : undefined
      if (parsed) events.push(parsed)
      else {
        malformed++
        log({ level: 'error', message: 'stream entry is not a notion-rx event; acknowledged without delivery', entry: id })
      }
    }
    for (let attempt = 1; events.length > 0; attempt++) {
      try {
        await sink.deliver(events, context)
        break
      } catch (error) {
        if (PipeError.isPipeError(error) || abort.signal.aborted) throw error
        const delayMs = backoffDelay(attempt, options.retry)
        context.retrying(attempt, error instanceof Error ? error.message : String(error), delayMs)
        await sleep(delayMs, abort.signal)
      }
    }
    await persist('XACK', () => redis.xack(stream, options.group, ...entries.map(([id]) => id)))
    const current = stats$.getValue()
    update({ delivered: current.delivered + events.length, malformed: current.malformed + malformed })
  }

  async function read(args: (string | number)[]): Promise<Entry[]> {
    const reply = await redis.call('XREADGROUP', 'GROUP', options.group, consumer, 'COUNT', batchSize, ...args, 'STREAMS', stream, args.length > 0 ? '>' : '0')
    return streamEntries(reply)
  }

  const ready = persist('XGROUP CREATE', async () => {
    try {
      await redis.xgroup('CREATE', stream, options.group, '0', 'MKSTREAM')
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error
    }
  }).then(() => update({ state: 'consuming' }))

  const done = ready.then(async () => {
    // Our own unacknowledged entries first (this consumer restarted mid-batch).
    for (;;) {
      const own = await persist('XREADGROUP', () => read([]))
      if (own.length === 0) break
      await deliver(own)
    }
    let lastClaim = 0
    while (!abort.signal.aborted) {
      if (Date.now() - lastClaim >= Math.min(claimIdleMs / 2, 5_000)) {
        lastClaim = Date.now()
        let cursor = '0-0'
        do {
          const reply = (await persist('XAUTOCLAIM', () => redis.call('XAUTOCLAIM', stream, options.group, consumer, claimIdleMs, cursor, 'COUNT', batchSize))) as [string, Entry[], string[]?]
          cursor = reply[0]
          if (reply[1].length > 0) {
            update({ claimed: stats$.getValue().claimed + reply[1].length })
            log({ level: 'info', message: 'claimed entries left pending by another consumer', count: reply[1].length })
            await deliver(reply[1])
          }
        } while (cursor !== '0-0' && !abort.signal.aborted)
      }
      const entries = await persist('XREADGROUP', () => read(['BLOCK', blockMs]))
      if (entries.length > 0) await deliver(entries)
    }
  })
  const finished = done.catch((error: unknown) => {
    if (abort.signal.aborted) return
    update({ state: 'failed' })
    throw error
  })
  finished.catch(() => {})

  let closing: Promise<void> | undefined
  return {
    stats$: stats$.asObservable(),
    get stats() {
      return stats$.getValue()
    },
    ready,
    done: finished,
    close() {
      closing ??= (async () => {
        abort.abort(new PipeError('sink_failed', 'the consumer was closed'))
        // Ends a blocking read at once; an entry being delivered is not acknowledged and stays pending.
        redis.disconnect()
        await finished.catch(() => {})
        await sink.close?.()
        update({ state: 'closed' })
        stats$.complete()
      })()
      return closing
    },
  }
}

/**
 * The entries of a one-stream XREADGROUP reply: `[[stream, entries]]` in RESP2, a map
 * (`[stream, entries]` flattened, or an object) in RESP3; null when the read timed out.
 */
function streamEntries(reply: unknown): Entry[] {
  if (!reply) return []
  if (Array.isArray(reply)) {
    if (typeof reply[0] === 'string') return (reply[1] as Entry[] | undefined) ?? []
    return ((reply[0] as [string, Entry[]] | undefined)?.[1]) ?? []
  }
  if (typeof reply === 'object') return (Object.values(reply)[0] as Entry[] | undefined) ?? []
  return []
}

function safeEvent(text: string | undefined): PipeEvent | undefined {
  if (text === undefined || text.length > 50_000_000) return undefined
  try {
    const parsed = pipeEventSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
