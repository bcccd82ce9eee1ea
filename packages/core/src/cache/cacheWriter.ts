import type { Subscription } from 'rxjs'
import type { RecordStore } from '../store/recordStore.js'
import { splitRecordKey, type RecordKey, type StoredRecord } from '../store/snapshot.js'
import type { CachedRecord, RecordCache } from './recordCache.js'

/** How long marking records as used (LRU) may wait. */
const TOUCH_DELAY_MS = 2_000

export interface CacheWriterOptions {
  store: RecordStore
  cache: RecordCache
  /** The account the records were read as (their partition). */
  userId: () => string | undefined
  /** When the pending writes go out. @default the store's notify manager's next turn */
  schedule?: (flush: () => void) => void
}

/**
 * Follows the store and writes what the server confirmed to the cache, off the hot path: an
 * update only adds its keys to a set; once per tick at most, the records are read back from the
 * store and written in ONE SQLite transaction. Optimistic layers are never written (the write
 * queue is kept durably instead), and a record whose confirmed state was already written (or came
 * from the cache) is skipped by reference, so setters cost the cache nothing until they commit.
 */
export class CacheWriter {
  readonly #options: CacheWriterOptions
  readonly #subscription: Subscription
  /** Confirmed states known to be in the file. */
  readonly #written = new WeakSet<StoredRecord>()
  #pending = new Set<RecordKey>()
  /** Keys a failed write left, with the account they were read as: retried for that account only. */
  #retry: { userId: string; keys: Set<RecordKey> } | undefined
  #touched: { table: string; id: string }[] = []
  #scheduled = false
  #stopped = false
  #touchTimer: NodeJS.Timeout | undefined

  /** Write failures (a full disk, a damaged file), as values; the store is not affected. */
  onError: (error: unknown) => void = () => {}
  /** After every write that went through (to clear an `unwritable` state). */
  onWritten: () => void = () => {}
  /** After the delayed write of the records read (see touch): a quiet moment for other upkeep of the file. */
  onTouchesWritten: () => void = () => {}

  constructor(options: CacheWriterOptions) {
    this.#options = options
    this.#subscription = options.store.touched$.subscribe((keys) => {
      for (const key of keys) this.#pending.add(key)
      this.#schedule()
    })
  }

  /** Records that came from the file: nothing to write back. */
  markWritten(records: Iterable<StoredRecord>): void {
    for (const record of records) this.#written.add(record)
  }

  /**
   * Records read from the file, to mark as recently used: written a while later (or at the next
   * flush), so a warm start's sync does not wait behind an update of thousands of rows.
   */
  touch(keys: readonly { table: string; id: string }[]): void {
    for (const key of keys) this.#touched.push(key)
    if (this.#touchTimer !== undefined) return
    this.#touchTimer = setTimeout(() => {
      this.#touchTimer = undefined
      this.flush()
      this.onTouchesWritten()
    }, TOUCH_DELAY_MS)
    // The LRU order may wait: it never keeps the process alive.
    this.#touchTimer.unref()
  }

  #schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    const { notifyManager } = this.#options.store
    const schedule = this.#options.schedule ?? ((flush: () => void) => notifyManager.schedule(flush))
    schedule(() => this.#write(false))
  }

  /** Writes what is pending now (the client calls it before switching accounts and on close). */
  flush(): void {
    this.#write(true)
  }

  #write(withTouches: boolean): void {
    this.#scheduled = false
    const { store, cache } = this.#options
    const userId = this.#options.userId()
    const keys = this.#pending
    const touched = withTouches ? this.#touched : []
    this.#pending = new Set()
    if (withTouches) {
      this.#touched = []
      clearTimeout(this.#touchTimer)
      this.#touchTimer = undefined
    }
    if (userId === undefined || cache.closed || this.#stopped) return
    if (this.#retry?.userId === userId) for (const key of this.#retry.keys) keys.add(key)
    this.#retry = undefined
    const records: CachedRecord[] = []
    const originals: StoredRecord[] = []
    for (const key of keys) {
      const { table, id } = splitRecordKey(key)
      const record = store.getConfirmed(table, id)
      if (!record || this.#written.has(record)) continue
      this.#written.add(record)
      originals.push(record)
      records.push({ ...record, table, id })
    }
    try {
      // Built only if the write has to evict: observed records are never evicted.
      let observed: Set<string> | undefined
      cache.write(userId, records, (table, id) => (observed ??= new Set(store.observedKeys())).has(`${table}:${id}`))
      cache.touch(userId, touched)
    } catch (error) {
      // Not written: tried again at the next flush (the next change anywhere), not in a loop.
      for (const record of originals) this.#written.delete(record)
      this.#retry = { userId, keys }
      if (withTouches) for (const key of touched) this.#touched.push(key)
      this.onError(error)
      return
    }
    if (records.length > 0 || touched.length > 0) this.onWritten()
  }

  /** Writes nothing more, pending changes included (the file is damaged: it is left alone). */
  stop(): void {
    this.#stopped = true
    this.#subscription.unsubscribe()
    clearTimeout(this.#touchTimer)
  }

  close(): void {
    this.flush()
    this.#subscription.unsubscribe()
  }
}
