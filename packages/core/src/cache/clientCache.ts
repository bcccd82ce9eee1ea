import { createHash } from 'node:crypto'
import { operationTarget, type RecordPointer, type Role } from '@notion-rx/protocol'
import { Subject, type Observable } from 'rxjs'
import type { RawQueryResult } from '../databases/query/queryResult.js'
import type { QueryResultCache } from '../databases/query/queryResultCache.js'
import type { RawRecord } from '../store/rawRecord.js'
import type { RecordStore } from '../store/recordStore.js'
import type { StoredRecord } from '../store/snapshot.js'
import { pageDependencies } from '../sync/pageLoader.js'
import type { RecordFetcher, VersionedPointer } from '../sync/recordFetcher.js'
import type { TransactionBatch, TransactionQueue } from '../sync/transactionQueue.js'
import { NetworkError } from '../transport/errors/networkError.js'
import type { CacheOptions } from './cacheOptions.js'
import { CacheStateTracker, type CacheState } from './cacheState.js'
import { CacheWriteError, type CacheWriteOperation } from './cacheWriteError.js'
import { CacheWriter } from './cacheWriter.js'
import { fromQueryResultJson, toQueryResultJson } from './queryResultJson.js'
import type { CacheCorruptError } from './cacheCorruptError.js'
import { corruptionOf, RecordCache, toRecord, type CachedAccount, type CachedRecord, type CachedRow } from './recordCache.js'

export interface ClientCacheOptions {
  cache: string | true | CacheOptions
  store: RecordStore
  fetcher: RecordFetcher
  transactions: () => TransactionQueue
  userId: () => string | undefined
  /** A cheap request telling whether the server answers (loadUserContent). */
  probe: () => Promise<void>
  /** Fetches the blocks of a page the store does not hold yet (the page loader without its first chunk). */
  loadMissing: (pageId: string) => Promise<void>
  onError: (error: unknown) => void
}

/** What names a record: a pointer, a cached record, a raw record all are one. */
type RecordKeyOf = Readonly<Pick<RecordPointer, 'table' | 'id'>>

const isNetworkError = (error: unknown): boolean => NetworkError.isNetworkError(error)

/**
 * Whether a cached block may name records outside the page's tree in the file (a linked
 * database's collection, a synced block's original): those are parsed, to read what they name.
 * Every other record of the page is found by `parent_id` alone and stays JSON text until read.
 */
function namesElsewhere(row: CachedRow): boolean {
  const json = row[4]
  return row[0] === 'block' && json !== null && NAMES_ELSEWHERE.test(json)
}

/** One pass over the text (two `includes` cost twice as much on a 2,000-block page). */
const NAMES_ELSEWHERE = /"collection_view|transclusion_reference_pointer/

/** What the token's hash is stored as: enough to recognise the token, useless to recover it. */
export function tokenHash(tokenV2: string): string {
  return createHash('sha256').update(`notion-rx-cache:${tokenV2}`).digest('hex')
}

/**
 * Everything the client does with its durable cache, kept here so the client only calls in:
 * warm reads (records from the file at once, origin `cache`, then one version-aware sync), the
 * batched writer, the durable write queue with offline replay, and the cache state.
 */
export class ClientCache {
  readonly file: RecordCache
  readonly state: CacheStateTracker
  readonly #options: ClientCacheOptions
  readonly #writer: CacheWriter
  /**
   * Records served from the file and not yet confirmed by a sync, to ask about when back online:
   * the lists as served (one per read from the file), dropped whole when their sync is done.
   */
  readonly #unconfirmed = new Set<readonly RecordKeyOf[]>()
  readonly #pagesToComplete = new Set<string>()
  readonly #errors = new Subject<CacheWriteError | CacheCorruptError>()
  /** Failed writes to the file, and damage met on a read (the file is then left alone), as values (the stream never errors). */
  readonly errors$: Observable<CacheWriteError | CacheCorruptError> = this.#errors.asObservable()
  /** Set when SQLite reported damage on a read: nothing more is read from the file, the server answers. */
  #damaged = false
  #background = new Set<Promise<unknown>>()
  /** Queries this client served from the file or asked the server: the file's result is for a warm start only. */
  readonly #queriesSeen = new Set<string>()
  /** Query results in the file, for the queries of this client (see QueryResultCache). */
  readonly queryResults: QueryResultCache = {
    cached: (key, collectionId) => this.#cachedQuery(key, collectionId),
    remember: (key, collectionId, result) => this.#rememberQuery(key, collectionId, result),
    refresh: (work) => this.#track(this.state.sync(async () => void (await work()), isNetworkError)),
  }

  constructor(options: ClientCacheOptions) {
    this.#options = options
    this.file = RecordCache.open(options.cache)
    this.state = new CacheStateTracker({
      retryMs: this.file.options.offlineRetryMs,
      probe: async () => {
        await options.probe()
        // Back online: ask about what was served from the file meanwhile.
        this.#resync()
      },
    })
    this.#writer = new CacheWriter({ store: options.store, cache: this.file, userId: options.userId })
    this.#writer.onError = (error) => this.#failed('records', error)
    this.#writer.onWritten = () => this.state.setUnwritable(false)
    this.#writer.onTouchesWritten = () => this.#saveTrees()
  }

  /**
   * Runs a read from the file. Damage SQLite meets (the open checks the whole file only after an
   * unclean close, see RecordCache) is reported once on errors$ as a CacheCorruptError and the
   * file is read no more: the caller gets `fallback` and asks the server, as without a cache.
   */
  #read<T>(read: () => T, fallback: T): T {
    if (this.#damaged || this.file.closed) return fallback
    try {
      return read()
    } catch (error) {
      const corrupt = corruptionOf(this.file.path, error)
      if (corrupt === undefined) throw error
      this.#damaged = true
      this.#writer.stop()
      this.state.setUnwritable(true)
      // On the next microtask: a read in the client's constructor is reported to whoever subscribes right after it.
      queueMicrotask(() => this.#errors.next(corrupt))
      return fallback
    }
  }

  #failed(operation: CacheWriteOperation, error: unknown): void {
    this.state.setUnwritable(true)
    this.#errors.next(new CacheWriteError(this.file.path, operation, error))
  }

  /** Runs a write to the file; a failure is reported (errors$, `unwritable`), never thrown: the client works on. */
  #write(operation: CacheWriteOperation, write: () => void): void {
    if (this.file.closed || this.#damaged) return
    try {
      write()
    } catch (error) {
      this.#failed(operation, error)
      return
    }
    this.state.setUnwritable(false)
  }

  get state$(): Observable<CacheState> {
    return this.state.state$
  }

  accountFor(tokenV2: string): CachedAccount | undefined {
    return this.#read(() => this.file.accountFor(tokenHash(tokenV2)), undefined)
  }

  rememberAccount(tokenV2: string, account: CachedAccount): void {
    this.#write('account', () => this.file.rememberAccount(tokenHash(tokenV2), account))
  }

  /**
   * Puts the cached page (its blocks, sub-blocks, databases with their views and cached rows, not
   * its sub-pages' content) into the store at once, then syncs it in the background. False when
   * the file does not hold the page.
   */
  restorePage(pageId: string): boolean {
    const userId = this.#options.userId()
    if (userId === undefined) return false
    return this.#read(() => this.#restorePage(userId, pageId), false)
  }

  #restorePage(userId: string, pageId: string): boolean {
    // One read for the whole page (its tree by parent_id); a record it names elsewhere is read alone.
    const tree = this.file.pageTree(userId, pageId)
    const rootRow = tree.find((row) => row[0] === 'block' && row[1] === pageId)
    const root = rootRow ? toRecord(rootRow) : this.file.get(userId, 'block', pageId)
    if (!root?.value) return false
    const found: CachedRecord[] = [root]
    // Everything else the page holds stays JSON text in the store until read: blocks, rows, views.
    const raw: CachedRow[] = []
    // Ids by table (no key strings to build for thousands of rows).
    const takenIds = new Map<string, Set<string>>([['block', new Set([pageId])]])
    const take = (table: string, id: string): boolean => {
      let ids = takenIds.get(table)
      if (ids === undefined) takenIds.set(table, (ids = new Set()))
      if (ids.has(id)) return false
      ids.add(id)
      return true
    }
    const related: RecordPointer[] = [...pageDependencies(root.value, true).related]
    const takeRows = (rows: readonly CachedRow[]) => {
      for (const row of rows) {
        if (!take(row[0], row[1])) continue
        if (!namesElsewhere(row)) {
          raw.push(row)
          continue
        }
        const record = toRecord(row)
        found.push(record)
        if (record.value) related.push(...pageDependencies(record.value, false).related)
      }
    }
    takeRows(tree)
    // A linked database's collection, a synced block's original: read from the file by id, with what is below them.
    while (related.length > 0) {
      const { table, id } = related.pop()!
      if (takenIds.get(table)?.has(id)) continue
      const record = this.file.get(userId, table, id)
      if (!record) continue
      take(table, id)
      found.push(record)
      if (record.value) related.push(...pageDependencies(record.value, false).related)
      if (table === 'collection') takeRows(this.file.childrenRows(userId, id))
      else if (table === 'block') takeRows(this.file.pageTree(userId, id))
    }
    const served = this.#serve(found, raw)
    this.#pagesToComplete.add(pageId)
    this.#track(this.#sync(served, pageId))
    return true
  }

  #cachedQuery(key: string, collectionId: string): RawQueryResult | undefined {
    const userId = this.#options.userId()
    if (userId === undefined || this.file.closed || this.#queriesSeen.has(key)) return undefined
    this.#queriesSeen.add(key)
    let json: string | undefined
    try {
      json = this.#read(() => this.file.queryResult(userId, key), undefined)
    } catch (error) {
      // The file is busy or damaged: the query asks the server, as without a cache.
      this.#failed('queries', error)
      return undefined
    }
    const result = json === undefined ? undefined : fromQueryResultJson(json)
    if (result === undefined) return undefined
    const ids = new Set(result.ids)
    for (const group of result.groups ?? []) for (const id of group.ids) ids.add(id)
    if (!this.#read(() => this.#restoreRows(userId, collectionId, ids), false)) return undefined
    return result
  }

  #rememberQuery(key: string, collectionId: string, result: RawQueryResult): void {
    this.#queriesSeen.add(key)
    const userId = this.#options.userId()
    if (userId !== undefined) this.#write('queries', () => this.file.rememberQueryResult(userId, key, collectionId, toQueryResultJson(result)))
  }

  /** Puts a cached result's rows the store lacks into it from the file (JSON text until read), then syncs them. */
  #restoreRows(userId: string, collectionId: string, ids: ReadonlySet<string>): true {
    const { store } = this.#options
    const missing = new Set<string>()
    for (const id of ids) if (!store.holds('block', id)) missing.add(id)
    if (missing.size === 0) return true
    // One statement for a database's rows; a row filed under another parent is read alone.
    const rows = missing.size > 20 ? this.file.childrenRows(userId, collectionId).filter((row) => row[0] === 'block' && missing.delete(row[1])) : []
    for (const id of missing) {
      const row = this.file.row(userId, 'block', id)
      if (row) rows.push(row)
    }
    if (rows.length === 0) return true
    this.#track(this.#sync(this.#serve([], rows)))
    return true
  }

  /** Puts the cached ones of `pointers` into the store (then syncs them); returns those it did not have. */
  restoreRecords(pointers: readonly RecordPointer[]): RecordPointer[] {
    const userId = this.#options.userId()
    if (userId === undefined) return [...pointers]
    return this.#read(() => this.#restoreRecords(userId, pointers), [...pointers])
  }

  #restoreRecords(userId: string, pointers: readonly RecordPointer[]): RecordPointer[] {
    const { store } = this.#options
    const found: CachedRecord[] = []
    const missing: RecordPointer[] = []
    for (const pointer of pointers) {
      if (store.get(pointer.table, pointer.id)) continue
      const record = this.file.get(userId, pointer.table, pointer.id)
      if (record) found.push(record)
      else missing.push(pointer)
    }
    if (found.length > 0) this.#track(this.#sync(this.#serve(found)))
    return missing
  }

  /**
   * Puts records from the file into the store in ONE update (one snapshot, one changes$ batch):
   * `records` parsed, `raw` as JSON text the store parses when they are first read. Returns them
   * all as pointers (the records themselves: no object per record), unconfirmed until synced.
   */
  #serve(records: readonly CachedRecord[], raw: readonly CachedRow[] = []): RecordKeyOf[] {
    const { store } = this.#options
    const served: RecordKeyOf[] = [...records]
    store.batch(() => {
      this.#serveParsed(records)
      if (raw.length > 0) this.#serveRaw(raw, served)
    })
    this.#unconfirmed.add(served)
    return served
  }

  #serveRaw(rows: readonly CachedRow[], served: RecordKeyOf[]): void {
    const raw: RawRecord[] = []
    for (const [table, id, role, version, json, spaceId] of rows) {
      // One shape for every record (spaceId always set): the store's loops stay monomorphic.
      const record: RawRecord = { table, id, role: role as Role, version, json, spaceId: spaceId ?? undefined }
      raw.push(record)
      served.push(record)
    }
    this.#options.store.putRaw(raw)
    this.#writer.touch(raw)
  }

  #serveParsed(records: readonly CachedRecord[]): void {
    const { store } = this.#options
    // Null prototypes: an id is only a key, `__proto__` included.
    const map: Record<string, Record<string, CachedRecord>> = Object.create(null) as Record<string, Record<string, CachedRecord>>
    // A CachedRecord is a record entry already (role, value, spaceId; table/id/version are ignored by the store).
    for (const record of records) (map[record.table] ??= Object.create(null) as Record<string, CachedRecord>)[record.id] = record
    store.dispatch({ type: 'recordsLoaded', records: map, origin: 'cache' })
    const written: StoredRecord[] = []
    for (const { table, id } of records) {
      const stored = store.getConfirmed(table, id)
      if (stored) written.push(stored)
    }
    this.#writer.markWritten(written)
    this.#writer.touch(records)
  }

  /** One version-aware fetch: the server answers only for records that moved; then the new blocks. */
  async #sync(records: readonly RecordKeyOf[], pageId?: string, served: readonly (readonly RecordKeyOf[])[] = [records]): Promise<void> {
    const { store, fetcher } = this.#options
    await this.state.sync(async () => {
      // The next turn: building and sending thousands of pointers is not on the way of the cached emission.
      await new Promise((resolve) => setImmediate(resolve))
      const pointers: VersionedPointer[] = records.map(({ table, id }) => {
        const version = store.confirmedVersion(table, id)
        return { table, id, ...(version !== undefined && version >= 0 ? { version } : {}) }
      })
      const fresh = await fetcher.fetch(pointers)
      store.dispatch({ type: 'recordsLoaded', records: fresh, origin: 'refresh' })
      for (const list of served) this.#unconfirmed.delete(list)
      if (pageId !== undefined) {
        await this.#options.loadMissing(pageId)
        this.#pagesToComplete.delete(pageId)
      }
    }, isNetworkError)
  }

  #resync(): void {
    const served = [...this.#unconfirmed]
    const records = new Map<string, RecordKeyOf>()
    for (const list of served) for (const pointer of list) records.set(`${pointer.table}:${pointer.id}`, pointer)
    if (records.size > 0) this.#track(this.#sync([...records.values()], undefined, served))
    for (const pageId of this.#pagesToComplete) this.#track(this.#sync([], pageId))
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.#options.onError(error))
    this.#background.add(tracked)
    void tracked.finally(() => this.#background.delete(tracked))
  }

  /** Resolves when the syncs started so far have settled (done, or offline). */
  async whenSynced(): Promise<void> {
    while (this.#background.size > 0) await Promise.all([...this.#background])
  }

  /** Keeps a sealed batch in the file (one insert per batch, so per tick at most) until it is answered. */
  queue(batch: TransactionBatch): void {
    const userId = this.#options.userId()
    if (userId !== undefined) this.#write('queue', () => this.file.queueWrite(userId, batch))
  }

  /**
   * Sends a write batch durably (queued in the file by `queue`): kept there until the server answers; while the server is
   * unreachable it waits and is sent again, with the same request id, so it is applied once.
   * A rejection removes it (the client rolls it back as without a cache).
   */
  async submit(batch: TransactionBatch, send: (batch: TransactionBatch) => Promise<void>): Promise<void> {
    for (;;) {
      await this.state.whenOnline()
      try {
        await send(batch)
        break
      } catch (error) {
        if (!isNetworkError(error) || this.file.closed) {
          this.#write('settle', () => this.file.settleWrite(batch.requestId))
          throw error
        }
        this.state.markOffline()
      }
    }
    this.#write('settle', () => this.file.settleWrite(batch.requestId))
  }

  /** Sends the writes an earlier process left unconfirmed for this account, in order. */
  replayQueuedWrites(): void {
    const userId = this.#options.userId()
    if (userId === undefined) return
    const queue = this.#options.transactions()
    const confirm = async (batch: TransactionBatch) => {
      const { store, fetcher } = this.#options
      const touched = new Map<string, VersionedPointer>()
      for (const op of batch.operations) {
        const { table, id } = operationTarget(op)
        const version = store.getConfirmed(table, id)?.version
        touched.set(`${table}:${id}`, { table, id, ...(version !== undefined && version >= 0 ? { version } : {}) })
      }
      store.dispatch({ type: 'recordsLoaded', records: await fetcher.fetch([...touched.values()]), origin: 'refresh' })
    }
    for (const batch of this.#read(() => this.file.queuedWrites(userId), [])) queue.replay(batch, confirm).catch(() => {})
  }

  /** Writes what is pending (before switching accounts). */
  flush(): void {
    this.#writer.flush()
  }

  clear(): void {
    this.#writer.flush()
    this.file.clear()
  }

  /** Saves the trees of the pages read lately that changed, so the next start reads each in one go (see RecordCache.saveTrees). */
  #saveTrees(): void {
    this.#write('records', () => this.file.saveTrees())
  }

  close(): void {
    this.#writer.close()
    this.#saveTrees()
    this.#errors.complete()
    this.state.close()
    this.file.close()
  }
}
