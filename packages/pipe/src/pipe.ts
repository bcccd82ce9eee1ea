import type { NotionClient, RecordKey, RecordValue } from '@notion-rx/core'
import { BehaviorSubject, type Observable } from 'rxjs'
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js'
import { buildEvent } from './buildEvent.js'
import type { CheckpointEntry, CheckpointStore } from './checkpointStore.js'
import { MemoryCheckpointStore } from './memoryCheckpointStore.js'
import { PipeError } from './pipeError.js'
import type { PipeEvent } from './pipeEvent.js'
import { toPipeSink, type Sink, type SinkContext } from './sink.js'
import { SourceFollower } from './sourceFollower.js'

export interface PipeOptions {
  /** A client with `monitor: true` (the pipe follows records through its live updates). */
  client: NotionClient
  /** Page or database URLs (or ids). */
  sources: readonly string[]
  /** Where events go: a function or a sink from `ndjsonSink`, `webhookSink`, `redisSink`. */
  sink: Sink
  /** Where confirmed deliveries are recorded. @default in memory (a restart starts afresh) */
  checkpoint?: CheckpointStore
  /** On a new checkpoint: emit every followed record once (`notion.*.snapshot`), then stream. */
  snapshot?: boolean
  /** Adds `data.titleMarkdown` to events whose title changed. */
  markdown?: boolean
  /** Events per sink call, at most. @default 100 */
  batchSize?: number
  /** The CloudEvents `source`. @default `notion-rx://<api host>/space/<space id>` */
  eventSource?: string
  /** Retries of a sink that threw. @default { minMs: 200, maxMs: 30000 } */
  retry?: BackoffOptions
  /** Structured log lines (starts, retries, dead letters, errors). */
  log?: (entry: PipeLogEntry) => void
}

export interface PipeLogEntry {
  level: 'info' | 'warn' | 'error'
  message: string
  [field: string]: unknown
}

export interface PipeStats {
  /** Events the sink confirmed. */
  delivered: number
  /** Records with a change not yet confirmed (coalesced: one per record). */
  pending: number
  /** Attempts that failed and were retried (deliveries and checkpoint saves). */
  retrying: number
  /** Events the sink gave up on and wrote to its dead letter. */
  deadLettered: number
  /** Events that spanned versions not delivered one by one. */
  catchUps: number
  /** Age of the oldest pending change, ms (0 when caught up). */
  lagMs: number
  /** Records followed. */
  followed: number
  state: 'starting' | 'streaming' | 'closed' | 'failed'
}

export interface PipeHandle {
  /** Counters, now and after every delivery, retry and dead letter. */
  readonly stats$: Observable<PipeStats>
  /** The counters as of now (pending and lag included, which change between emissions of `stats$`). */
  readonly stats: PipeStats
  /** Resolves once the sources are loaded, the checkpoint compared and the catch-up queued. */
  readonly ready: Promise<void>
  /** Rejects with the error that stopped the pipe (a checkpoint that cannot be written); resolves on `close()`. */
  readonly done: Promise<void>
  /** Resolves when nothing is pending (every change seen so far is delivered). */
  drained(): Promise<void>
  /** Stops intake, lets the delivery in flight finish, closes the checkpoint and the sink. */
  close(): Promise<void>
}

interface Delivered {
  version: number
  value: RecordValue | undefined
}

const splitKey = (key: RecordKey) => {
  const at = key.indexOf(':')
  return { table: key.slice(0, at), id: key.slice(at + 1) }
}

/**
 * Delivers every change to the sources' records to `sink`, at least once and in order per record,
 * with checkpoints after each confirmed delivery.
 *
 * Memory stays bounded under a slow sink: pending changes are coalesced per record (a key and a
 * timestamp each); an event is built at delivery time from the value last delivered (kept by
 * reference, sharing structure with the store's) and the record as the store holds it now.
 *
 * @example
 * const handle = pipe({ client, sources: [pageUrl], sink: async (events) => { for (const e of events) console.log(e.type, e.subject) } })
 * await handle.ready
 */
export function pipe(options: PipeOptions): PipeHandle {
  return new Pipe(options).handle
}

class Pipe {
  readonly handle: PipeHandle
  readonly #options: PipeOptions
  readonly #client: NotionClient
  readonly #sink
  readonly #checkpoint: CheckpointStore
  readonly #follower: SourceFollower
  readonly #delivered = new Map<RecordKey, Delivered>()
  /** Records with a change to deliver, with when it was first seen; in arrival order. */
  readonly #pending = new Map<RecordKey, number>()
  /** Records that left the sources: released once their last event is delivered. */
  readonly #leaving = new Set<RecordKey>()
  readonly #stats$: BehaviorSubject<PipeStats>
  readonly #abort = new AbortController()
  #snapshotMode = false
  #started = false
  #wake: (() => void) | undefined
  #drainedWaiters: (() => void)[] = []
  #closing: Promise<void> | undefined
  #source = ''
  /** The batch a previous run was delivering when it stopped: re-sent first, as it was. */
  #replay: CheckpointEntry[] = []

  constructor(options: PipeOptions) {
    this.#options = options
    this.#client = options.client
    this.#sink = toPipeSink(options.sink)
    this.#checkpoint = options.checkpoint ?? new MemoryCheckpointStore()
    this.#follower = new SourceFollower(this.#client, { followed: (table, id) => this.#markPending(table, id) })
    this.#stats$ = new BehaviorSubject<PipeStats>({
      delivered: 0, pending: 0, retrying: 0, deadLettered: 0, catchUps: 0, lagMs: 0, followed: 0, state: 'starting',
    })
    const batchSize = options.batchSize ?? 100
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new PipeError('invalid_option', `batchSize must be an integer from 1 to 10000, got ${batchSize}`)
    }
    const subscription = this.#client.changes$.subscribe((change) => {
      this.#follower.onChange(change)
      this.#markPending(change.table, change.id)
    })
    const ready = this.#start()
    const done = ready
      .then(() => this.#run())
      .catch((error: unknown) => {
        // A reader that went away (EPIPE) is the end of the pipe, not a failure.
        const closedByReader = PipeError.isPipeError(error) && error.code === 'sink_closed'
        this.#log({ level: closedByReader ? 'info' : 'error', message: error instanceof Error ? error.message : String(error) })
        this.#update({ state: closedByReader ? 'closed' : 'failed' })
        throw error
      })
      .finally(() => subscription.unsubscribe())
    done.catch(() => {})
    ready.catch(() => {})
    const pipe = this
    this.handle = {
      stats$: this.#stats$.asObservable(),
      get stats() {
        return pipe.#currentStats()
      },
      ready,
      done,
      drained: () => this.#drained(),
      close: () => this.#close(done),
    }
  }

  #log(entry: PipeLogEntry): void {
    this.#options.log?.(entry)
  }

  #currentStats(): PipeStats {
    const oldest = this.#pending.values().next()
    const lagMs = oldest.done ? 0 : Math.max(0, Date.now() - oldest.value)
    return { ...this.#stats$.getValue(), pending: this.#pending.size, lagMs, followed: this.#follower.size }
  }

  #update(patch: Partial<PipeStats>): void {
    this.#stats$.next({ ...this.#currentStats(), ...patch })
  }

  async #start(): Promise<void> {
    const { initialized, entries, inFlight } = await this.#checkpoint.load()
    // A new checkpoint's in-flight batch was a first snapshot batch: the snapshot starts over.
    if (initialized) this.#replay = inFlight
    for (const entry of entries) this.#delivered.set(`${entry.table}:${entry.id}`, { version: entry.version, value: entry.value })
    await this.#follower.start(this.#options.sources)
    await this.#follower.settled()
    const spaceId = this.#client.currentSpace?.id ?? 'unknown'
    this.#source = this.#options.eventSource ?? `notion-rx://${new URL(this.#client.transport.baseUrl).host}/space/${spaceId}`
    const followed = this.#follower.keys()
    this.#started = true
    if (!initialized) {
      if (this.#options.snapshot) this.#snapshotMode = true
      else {
        // A new pipe streams from now on: what is there is the baseline, recorded so a restart
        // can tell a record added while it was down from one that was always there.
        const baseline: CheckpointEntry[] = []
        for (const key of followed) {
          const { table, id } = splitKey(key)
          const record = this.#client.store.getConfirmed(table, id)
          if (!record || record.version < 0) continue
          baseline.push({ table, id, version: record.version, value: record.value })
          this.#delivered.set(key, { version: record.version, value: record.value })
        }
        await this.#checkpoint.save(baseline)
      }
    } else {
      // Delivered before, no longer followed (moved out or deleted while the pipe was down):
      // read them again; one that was inside when last delivered gets its last event.
      const gone = [...this.#delivered.keys()].filter((key) => !this.#follower.isFollowed(splitKey(key).table, splitKey(key).id))
      if (gone.length > 0) await this.#client.refreshRecords(gone.map(splitKey))
      for (const key of gone) {
        const { table, id } = splitKey(key)
        const last = this.#delivered.get(key)!
        if (this.#follower.isInside(table, id, last.value)) {
          this.#leaving.add(key)
          this.#markPending(table, id, true)
        }
      }
    }
    for (const key of followed) this.#markPending(splitKey(key).table, splitKey(key).id)
    this.#log({ level: 'info', message: 'pipe started', followed: this.#follower.size, pending: this.#pending.size, resumed: initialized })
    this.#update({ state: 'streaming' })
  }

  #markPending(table: string, id: string, force = false): void {
    if (!this.#started) return
    const key: RecordKey = `${table}:${id}`
    if (!force && !this.#follower.isFollowed(table, id) && !this.#leaving.has(key)) return
    const record = this.#client.store.getConfirmed(table, id)
    if (!record || record.version < 0) return
    const delivered = this.#delivered.get(key)
    if (delivered && record.version <= delivered.version) return
    if (!this.#follower.isInside(table, id, record.value) && this.#follower.isFollowed(table, id)) this.#leaving.add(key)
    if (!this.#pending.has(key)) {
      this.#pending.set(key, Date.now())
      this.#wake?.()
    }
  }

  async #run(): Promise<void> {
    const batchSize = this.#options.batchSize ?? 100
    const signal = this.#abort.signal
    if (this.#replay.length > 0 && !(await this.#resend(this.#replay))) return
    while (!signal.aborted) {
      if (this.#pending.size === 0) {
        this.#update({})
        for (const resolve of this.#drainedWaiters.splice(0)) resolve()
        await new Promise<void>((resolve) => (this.#wake = resolve))
        this.#wake = undefined
        continue
      }
      const keys: RecordKey[] = []
      const events: PipeEvent[] = []
      const entries: CheckpointEntry[] = []
      for (const key of this.#pending.keys()) {
        if (keys.length >= batchSize) break
        keys.push(key)
        const { table, id } = splitKey(key)
        const record = this.#client.store.getConfirmed(table, id)
        const delivered = this.#delivered.get(key)
        if (!record || (delivered && record.version <= delivered.version)) continue
        const current = { version: record.version, value: record.value }
        const snapshot = this.#snapshotMode && delivered === undefined
        events.push(buildEvent({ table, id, delivered, current, snapshot }, { store: this.#client.store, source: this.#source, markdown: this.#options.markdown ?? false, now: Date.now }))
        entries.push({ table, id, version: record.version, value: record.value, ...(snapshot ? { snapshot: true } : {}) })
      }
      if (events.length > 0) {
        // Written ahead: a restart before the save re-sends exactly these events (same ids).
        if (!(await this.#persist('checkpoint begin', () => this.#checkpoint.begin(entries)))) return
        if (!(await this.#deliver(events))) return
        if (!(await this.#persist('checkpoint save', () => this.#checkpoint.save(entries)))) return
        for (const entry of entries) this.#delivered.set(`${entry.table}:${entry.id}`, { version: entry.version, value: entry.value })
      }
      let catchUps = 0
      for (const event of events) if (event.data.catchUp) catchUps++
      for (const key of keys) {
        this.#pending.delete(key)
        const { table, id } = splitKey(key)
        if (this.#leaving.has(key)) {
          this.#leaving.delete(key)
          this.#follower.release(table, id)
          continue
        }
        // Changed again while being delivered: it goes to the back of the line.
        this.#markPending(table, id)
      }
      const stats = this.#stats$.getValue()
      this.#update({ delivered: stats.delivered + events.length, catchUps: stats.catchUps + catchUps })
    }
  }

  /** Delivers one batch, retrying a throwing sink with backoff; false once the pipe is closing. */
  async #deliver(events: readonly PipeEvent[]): Promise<boolean> {
    const signal = this.#abort.signal
    const context: SinkContext = {
      signal,
      retrying: (attempt, reason, delayMs) => {
        this.#update({ retrying: this.#stats$.getValue().retrying + 1 })
        this.#log({ level: 'warn', message: 'delivery failed, retrying', sink: this.#sink.name, attempt, reason, delayMs })
      },
      deadLettered: (dead, reason) => {
        this.#update({ deadLettered: this.#stats$.getValue().deadLettered + dead.length })
        this.#log({ level: 'error', message: 'events dead-lettered', sink: this.#sink.name, count: dead.length, ids: dead.map((event) => event.id), reason })
      },
    }
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return false
      try {
        await this.#sink.deliver(events, context)
        return true
      } catch (error) {
        if (PipeError.isPipeError(error)) throw error
        if (signal.aborted) return false
        const delayMs = backoffDelay(attempt, this.#options.retry)
        context.retrying(attempt, error instanceof Error ? error.message : String(error), delayMs)
        try {
          await sleep(delayMs, signal)
        } catch {
          return false
        }
      }
    }
  }

  /** Re-sends the batch a previous run had in flight, exactly as it was built then, and confirms it. */
  async #resend(batch: readonly CheckpointEntry[]): Promise<boolean> {
    const entries = batch.filter((entry) => entry.version > (this.#delivered.get(`${entry.table}:${entry.id}`)?.version ?? -1))
    const events = entries.map((entry) =>
      buildEvent(
        { table: entry.table, id: entry.id, delivered: this.#delivered.get(`${entry.table}:${entry.id}`), current: { version: entry.version, value: entry.value }, snapshot: entry.snapshot === true },
        { store: this.#client.store, source: this.#source, markdown: this.#options.markdown ?? false, now: Date.now },
      ),
    )
    this.#log({ level: 'info', message: 're-sending the batch that was in flight when the pipe stopped', count: events.length })
    if (events.length > 0 && !(await this.#deliver(events))) return false
    if (!(await this.#persist('checkpoint save', () => this.#checkpoint.save(entries)))) return false
    for (const entry of entries) this.#delivered.set(`${entry.table}:${entry.id}`, { version: entry.version, value: entry.value })
    this.#replay = []
    const stats = this.#stats$.getValue()
    this.#update({ delivered: stats.delivered + events.length, catchUps: stats.catchUps + events.filter((event) => event.data.catchUp).length })
    return true
  }

  /**
   * Writes to the checkpoint. A failing store (Redis down, a full disk) is retried: the events
   * are delivered at least once whatever happens. False when the pipe closed meanwhile.
   */
  async #persist(what: string, work: () => Promise<void>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await work()
        return true
      } catch (error) {
        if (PipeError.isPipeError(error)) throw error
        // Closing: the batch stays unconfirmed in the checkpoint and is delivered again next time.
        if (this.#abort.signal.aborted) return false
        const delayMs = backoffDelay(attempt, this.#options.retry)
        this.#update({ retrying: this.#stats$.getValue().retrying + 1 })
        this.#log({ level: 'warn', message: `${what} failed, retrying`, attempt, reason: error instanceof Error ? error.message : String(error), delayMs })
        try {
          await sleep(delayMs, this.#abort.signal)
        } catch {
          return false
        }
      }
    }
  }

  #drained(): Promise<void> {
    if (this.#started && this.#pending.size === 0 && this.#wake) return Promise.resolve()
    return new Promise((resolve) => this.#drainedWaiters.push(resolve))
  }

  #close(done: Promise<void>): Promise<void> {
    this.#closing ??= (async () => {
      this.#abort.abort(new PipeError('sink_failed', 'the pipe was closed'))
      this.#wake?.()
      this.#follower.close()
      await done.catch(() => {})
      await this.#checkpoint.close()
      await this.#sink.close?.()
      this.#update({ state: 'closed' })
      this.#stats$.complete()
    })()
    return this.#closing
  }
}
