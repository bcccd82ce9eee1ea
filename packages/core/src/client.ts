import { randomUUID } from 'node:crypto'
import {
  createEmailUserResponseSchema,
  deleteBlocksResponseSchema,
  findUserResponseSchema,
  getBacklinksForBlockResponseSchema,
  getSignedFileUrlsResponseSchema,
  getSpacesResponseSchema,
  loadUserContentResponseSchema,
  normalizeRecordMap,
  parseId,
  queryCollectionResponseSchema,
  saveTransactionsResponseSchema,
  searchResponseSchema,
  submitTransactionResponseSchema,
  type KnownBlockType,
  type QueryCollectionResponse,
  type RecordPointer,
  type SearchFilters,
  type Task,
} from '@notion-rx/protocol'
import { merge, mergeMap, of, type Observable, type Subscription } from 'rxjs'
import type { CallOptions } from './callOptions.js'
import type { CacheCorruptError } from './cache/cacheCorruptError.js'
import type { CacheOptions } from './cache/cacheOptions.js'
import type { CacheState } from './cache/cacheState.js'
import type { CacheWriteError } from './cache/cacheWriteError.js'
import type { KeyValueStore } from './cache/keyValueStore.js'
import { ClientCache } from './cache/clientCache.js'
import type { RecordCache } from './cache/recordCache.js'
import type { ClientContext } from './clientContext.js'
import type { QueryCollectionBody } from './databases/query/queryBuilder.js'
import type { QueryResultCache } from './databases/query/queryResultCache.js'
import type { Collection } from './databases/collection.js'
import type { CollectionView } from './databases/collectionView.js'
import { followRowCollections } from './databases/live/followRowCollections.js'
import { RecordNotFoundError } from './recordNotFoundError.js'
import type { Block } from './records/block.js'
import type { BlockFor } from './records/blockClassMap.js'
import { PageBlock } from './records/pageBlocks.js'
import type { RecordRegistry } from './records/recordRegistry.js'
import type { NotionRecord } from './records/notionRecord.js'
import type { Space } from './records/space.js'
import type { User } from './records/user.js'
import { defaultRecordRegistry } from './model/defaultRecordRegistry.js'
import { recordFor } from './model/recordFor.js'
import type { RecordChange } from './store/recordChange.js'
import { recordChanges } from './store/recordChanges.js'
import { RecordStore } from './store/recordStore.js'
import { splitRecordKey } from './store/snapshot.js'
import { toAsyncIterator } from './store/toAsyncIterator.js'
import { abortable } from './sync/abortable.js'
import type { ApiCaller } from './sync/apiCaller.js'
import { FileUploader, type UploadFileOptions, type UploadSource, type UploadedFile } from './sync/fileUploader.js'
import { PageLoader, type PageLoadStats } from './sync/pageLoader.js'
import { RecordFetcher } from './sync/recordFetcher.js'
import { RecordLoader } from './sync/recordLoader.js'
import { runTask, type RunTaskOptions } from './sync/taskPoller.js'
import { defaultMessageStoreUrl } from './sync/monitor/messageStoreUrl.js'
import { Monitor } from './sync/monitor/monitor.js'
import { resolveMonitorOptions, type ConnectionState, type MonitorOptions } from './sync/monitor/monitorOptions.js'
import { TransactionQueue, type TransactionBatch } from './sync/transactionQueue.js'
import { createTransport, type Transport } from './transport/createTransport.js'
import type { NotionError } from './transport/errors/notionError.js'
import { NetworkError } from './transport/errors/networkError.js'
import { UnknownEndpointError } from './transport/errors/unknownEndpointError.js'
import type { TransportOptions } from './transport/transportOptions.js'
import { WrongBlockTypeError } from './wrongBlockTypeError.js'

export interface NotionClientOptions extends TransportOptions {
  /**
   * The endpoint writes go to. Every one of them carries a request id, so a retried write is not
   * applied twice by servers that dedupe (the emulator does; Notion's operations are by value too).
   * @default 'submitTransaction'
   */
  writeEndpoint?: 'submitTransaction' | 'saveTransactionsFanout' | 'saveTransactionsMain'
  /**
   * Live updates through the message store: observed records are subscribed and remote changes
   * merged as they happen (origin `remote`). Off unless asked for, because a live connection keeps
   * the process running until `close()`; a plain script that reads and writes exits by itself.
   * @default false
   * @example new NotionClient({ tokenV2, monitor: true })
   * @example new NotionClient({ tokenV2, monitor: { transport: 'polling', unsubscribeGraceMs: 1000 } })
   */
  monitor?: boolean | MonitorOptions
  /**
   * A durable record cache (SQLite, needs the optional peer dependency better-sqlite3): a file
   * path, `true` for a per-user file in the platform's cache folder, or options. Warm starts show
   * cached pages at once and then ask the server only for what moved; with the server unreachable,
   * reads come from the file and writes wait in it. See docs/cache.md.
   * @throws CacheCorruptError (from the constructor) when the file is not a usable cache
   * @example new NotionClient({ tokenV2, cache: true })
   * @example new NotionClient({ tokenV2, cache: { path: 'notion.sqlite', onCorrupt: 'rebuild', maxRecords: 50_000 } })
   */
  cache?: string | boolean | CacheOptions
}

export interface SearchOptions extends CallOptions {
  limit?: number
  /** Only below this page. */
  ancestorId?: string
  filters?: SearchFilters
}

/** A block class, as `getBlock`'s `as` takes it (`PageBlock`, `ToDoBlock`, ...). */
export type BlockConstructor<T extends Block = Block> = abstract new (...args: never[]) => T

/** `getBlock`'s options: the kind of block expected, checked when it is loaded. */
export interface GetBlockOptions<T extends Block = Block> extends CallOptions {
  /**
   * The class the block must be an instance of (subclasses count: a database row is a
   * `PageBlock`); anything else rejects with `WrongBlockTypeError`.
   */
  as?: BlockConstructor<T> | undefined
  /** The block type it must have (`'to_do'`, `'page'`, ...); anything else rejects with `WrongBlockTypeError`. */
  type?: string | undefined
}

/** The transport's options for a call's signal (none when there is none: exact optional types). */
function signalOf(options: CallOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {}
}

const isUnknownEndpoint = (error: unknown): boolean => UnknownEndpointError.isUnknownEndpointError(error)

/**
 * The SDK's façade: one record store, one transport, one write queue. Record objects returned by
 * it read the store and write through the queue, so everything a client shows stays consistent.
 *
 * @example
 * const client = new NotionClient({ tokenV2, baseUrl: emu.apiUrl })
 * const page = await client.getBlock('https://www.notion.so/My-Page-0123456789abcdef0123456789abcdef')
 * page.title$.subscribe(console.log)
 */
export class NotionClient implements ClientContext {
  readonly store = new RecordStore()
  /** Which record class a table or block type gets: the whole object model, records and databases. */
  readonly records: RecordRegistry = defaultRecordRegistry
  readonly transport: Transport
  readonly transactions: TransactionQueue
  /** Every change the client sees, one at a time, with its origin (local, refresh, remote). */
  readonly changes$: Observable<RecordChange>
  /**
   * Failed writes, as values (the stream never errors): a `NotionError` for a write to the server
   * (most often a `TransactionRejectedError`, `UnauthorizedError` or `NetworkError`), a
   * `CacheWriteError` for a write to the cache file (the client works on), a `CacheCorruptError`
   * when SQLite meets damage in the cache file on a read (the file is then left alone and the
   * server answers). See docs/errors.md.
   */
  readonly errors$: Observable<NotionError | CacheWriteError | CacheCorruptError>
  /** Live updates (with `monitor`), else undefined. */
  readonly monitor: Monitor | undefined
  /** The live connection: connecting, live, reconnecting, polling, closed (always `closed` without `monitor`). */
  readonly connection$: Observable<ConnectionState>

  readonly #call: ApiCaller
  readonly #loader: RecordLoader
  readonly #pages: PageLoader
  readonly #writeEndpoint: NonNullable<NotionClientOptions['writeEndpoint']>
  readonly #uploader: FileUploader
  /** The monitor's handshake headers, kept to follow `setUserById` on reconnects. */
  readonly #monitorHeaders: Record<string, string> = {}
  /** Observed rows' databases, followed through the monitor. */
  readonly #rowCollections: Subscription | undefined
  readonly #cache: ClientCache | undefined
  readonly #tokenV2: string | undefined
  /** The account chosen with `activeUser` or `setUserById` (not the token's own): not remembered as the token's. */
  #actingAs: string | undefined
  #ready: Promise<void>
  #userId: string | undefined
  #spaceId: string | undefined
  #closed = false

  constructor(options: NotionClientOptions = {}) {
    this.transport = createTransport(options)
    this.#call = (endpoint, body, schema, callOptions) => this.transport.post(endpoint, body, schema, callOptions)
    this.#writeEndpoint = options.writeEndpoint ?? 'submitTransaction'
    const fetcher = new RecordFetcher(this.#call, isUnknownEndpoint)
    this.#loader = new RecordLoader({ store: this.store, fetcher })
    this.#pages = new PageLoader({ store: this.store, call: this.#call, isUnknownEndpoint, fetcher })
    this.#tokenV2 = options.tokenV2
    this.#cache = options.cache === undefined || options.cache === false ? undefined : this.#openCache(options.cache, fetcher)
    this.transactions = new TransactionQueue({
      store: this.store,
      submit: (batch) => (this.#cache ? this.#cache.submit(batch, (sent) => this.#submit(sent)) : this.#submit(batch)),
      ...(this.#cache ? { sealed: (batch: TransactionBatch) => this.#cache?.queue(batch) } : {}),
      userId: () => this.#userId,
    })
    this.changes$ = this.store.changes$.pipe(mergeMap((changes) => changes))
    this.errors$ = this.#cache ? merge(this.transactions.errors$, this.#cache.errors$) : this.transactions.errors$
    this.#uploader = new FileUploader({ call: this.#call, fetch: options.fetch })
    this.#userId = options.activeUser
    this.#actingAs = options.activeUser
    this.#ready = options.tokenV2 ? this.#start(options.tokenV2) : Promise.resolve()
    // A failed start is reported by whoever awaits `ready` (getBlock does), not as an unhandled rejection.
    this.#ready.catch(() => {})
    this.monitor = options.monitor ? this.#startMonitor(options, fetcher) : undefined
    this.#rowCollections = this.monitor ? followRowCollections(this.store, this.monitor) : undefined
    this.connection$ = this.monitor?.connection$ ?? of<ConnectionState>('closed')
  }

  #openCache(cache: string | true | CacheOptions, fetcher: RecordFetcher): ClientCache {
    return new ClientCache({
      cache,
      store: this.store,
      fetcher,
      transactions: () => this.transactions,
      userId: () => this.#userId,
      probe: () => this.#loadUserContent(),
      loadMissing: async (pageId) => void (await this.#pages.load(pageId, this.#spaceId, undefined, { firstChunk: false })),
      onError: () => {},
    })
  }

  /**
   * With a cache that knows the token's account, the client is ready at once (a warm start needs
   * no request; the user's content is refreshed in the background); else after loadUserContent.
   */
  async #start(tokenV2: string): Promise<void> {
    const known = this.#cache?.accountFor(tokenV2)
    if (!this.#cache) {
      // A read started with the client (getBlock) sends its request first, so the server answers
      // it first: the user's content, which no read needs, follows a turn later.
      await new Promise<void>((resolve) => this.store.notifyManager.schedule(resolve))
      await this.#loadUserContent()
      return
    }
    if (!known || (this.#userId !== undefined && this.#userId !== known.userId)) {
      await this.#loadUserContent()
      this.#cache?.replayQueuedWrites()
      return
    }
    this.#userId = known.userId
    this.#spaceId ??= known.spaceId
    this.#cache.restoreRecords([{ table: 'notion_user', id: known.userId }, ...(known.spaceId ? [{ table: 'space', id: known.spaceId }] : [])])
    this.#cache.replayQueuedWrites()
    const cache = this.#cache
    // On the next turn: a read started with the client (getBlock from the file) is served first.
    this.store.notifyManager.schedule(() => {
      this.#loadUserContent().catch((error: unknown) => {
        if (NetworkError.isNetworkError(error)) cache.state.markOffline()
      })
    })
  }

  /**
   * How current the shown records are with a cache: `fresh`, `syncing` (served from the file, the
   * server being asked what moved) or `offline` (server unreachable; writes wait in the file).
   * Always `fresh` without a cache.
   */
  get cacheState$(): Observable<CacheState> {
    return this.#cache?.state$ ?? of<CacheState>('fresh')
  }

  /** True while what the client shows came from the cache and the server has not confirmed it. */
  get stale(): boolean {
    return this.#cache !== undefined && this.#cache.state.stale
  }

  /**
   * Query results kept in the cache file, with the `cache` option: how a database's queries show
   * the file's result at once on a warm start (see docs/cache.md). Queries use it; it is not
   * needed otherwise.
   */
  get queryResults(): QueryResultCache | undefined {
    return this.#cache?.queryResults
  }

  /** The cache file (its key/value area: `client.cache?.kv(namespace)`), with the `cache` option. */
  get cache(): RecordCache | undefined {
    return this.#cache?.file
  }

  /**
   * A namespace of the cache file's key/value area, in the active account's partition (read at
   * every call, so it follows `setUserById`): a key written for one account is never read by
   * another. Resolves once the account is known (after `ready`).
   * @throws TypeError without the `cache` option
   * @example const checkpoints = await client.keyValues<{ version: number }>('my-tool:checkpoints')
   */
  async keyValues<T = unknown>(namespace: string, options: CallOptions = {}): Promise<KeyValueStore<T>> {
    const cache = this.#cache
    if (!cache) throw new TypeError('keyValues needs a cache: new NotionClient({ tokenV2, cache: path })')
    await abortable(this.#ready, options.signal)
    return cache.file.kv<T>(() => {
      if (this.#userId === undefined) throw new TypeError('the account of this client is unknown: the key/value area is partitioned by account')
      return this.#userId
    }, namespace)
  }

  /** Resolves when the background syncs of cached records started so far have settled. */
  async whenSynced(): Promise<void> {
    await this.#cache?.whenSynced()
  }

  /** Deletes every cached record and remembered account from the cache file (queued writes stay). */
  clearCache(): void {
    this.#cache?.clear()
  }

  #startMonitor(options: NotionClientOptions, fetcher: RecordFetcher): Monitor {
    const monitorOptions = resolveMonitorOptions(options.monitor === true ? {} : options.monitor || {})
    const headers = this.#monitorHeaders
    if (options.tokenV2) headers['cookie'] = `token_v2=${options.tokenV2}`
    if (options.activeUser) headers['x-notion-active-user-header'] = options.activeUser
    return new Monitor({
      store: this.store,
      fetchRecords: (pointers) => fetcher.fetch(pointers),
      url: monitorOptions.messageStoreUrl ?? defaultMessageStoreUrl(this.transport.baseUrl, monitorOptions.transport),
      headers,
      options: monitorOptions,
    })
  }

  /**
   * Changes as an async iterator: every change the client sees, or one record's (which is then
   * observed, so the monitor subscribes to it). Leave the loop (or abort `signal`) to stop.
   * @example for await (const change of client.changes(page)) console.log(change.origin, change.changes)
   */
  changes(record?: { table: string; id: string }, options: { signal?: AbortSignal } = {}): AsyncIterableIterator<RecordChange> {
    const source = record ? recordChanges(this.store, record.table, record.id) : this.changes$
    return toAsyncIterator(source, options.signal)
  }

  /**
   * Resolves once the user's content is loaded (loadUserContent, with a token); then
   * `currentUser` and `currentSpace` are set. `getBlock`, `getRecord` and `search` wait for it.
   * A new promise after `setUserById` / `setUserByEmail`.
   */
  get ready(): Promise<void> {
    return this.#ready
  }

  /** The logged-in user (after `ready`). */
  get currentUser(): User | undefined {
    return this.#userId ? recordFor(this, 'notion_user', this.#userId) : undefined
  }

  /** The user's first workspace, or the one chosen with `setSpace` (after `ready`). */
  get currentSpace(): Space | undefined {
    return this.#spaceId ? recordFor(this, 'space', this.#spaceId) : undefined
  }

  /**
   * Acts as another account of the same token_v2 (a browser logged into several, notion-py's
   * `set_user_by_uid`): later requests carry it as `x-notion-active-user-header`, and its content
   * is loaded. Queued writes are flushed first, as the user who made them.
   * @throws RecordNotFoundError when the token is not logged in as that user (getSpaces)
   */
  async setUserById(userId: string, options: CallOptions = {}): Promise<User> {
    const accounts = (await this.#call('getSpaces', {}, getSpacesResponseSchema, signalOf(options)))
    if (!accounts[userId]) throw new RecordNotFoundError('notion_user', userId, 'the token_v2 is not logged in as this user')
    return this.#switchUser(userId, options.signal)
  }

  /**
   * `setUserById` for the account of the token whose email is `email` (case-insensitive),
   * as notion-py's `set_user_by_email`.
   * @throws RecordNotFoundError when no account of the token has that email
   */
  async setUserByEmail(email: string, options: CallOptions = {}): Promise<User> {
    const accounts = (await this.#call('getSpaces', {}, getSpacesResponseSchema, signalOf(options)))
    const wanted = email.trim().toLowerCase()
    const match = Object.entries(accounts).find(([userId, records]) => {
      const found = records['notion_user']?.[userId]?.value?.['email']
      return typeof found === 'string' && found.toLowerCase() === wanted
    })
    if (!match) throw new RecordNotFoundError('notion_user', email, 'the token_v2 has no account with this email')
    return this.#switchUser(match[0], options.signal)
  }

  async #switchUser(userId: string, signal: AbortSignal | undefined): Promise<User> {
    await this.transactions.flush().catch(() => {})
    // What is pending was read as the previous account: into its partition.
    this.#cache?.flush()
    this.#actingAs = userId
    this.transport.setActiveUser(userId)
    if (this.monitor) this.#monitorHeaders['x-notion-active-user-header'] = userId
    this.#userId = userId
    this.#spaceId = undefined
    this.#ready = this.#forgetOtherUser().then(() => this.#loadUserContent())
    this.#ready.catch(() => {})
    await abortable(this.#ready, signal)
    return this.currentUser!
  }

  /**
   * What the store holds was read with the previous account's permissions: records nobody
   * observes are dropped, and the observed ones are read again as the new account (one it may not
   * read comes back as `role: none`, without a value, and replaces the old one).
   */
  async #forgetOtherUser(): Promise<void> {
    const held = this.store.keys()
    this.store.dispatch({ type: 'recordsEvicted', keys: held })
    const kept = held.filter((key) => {
      const { table, id } = splitRecordKey(key)
      return this.store.getConfirmed(table, id) !== undefined
    })
    if (kept.length > 0) await this.#loader.reload(kept.map((key) => splitRecordKey(key)))
  }

  /** Switches the workspace new top-level pages go to. */
  setSpace(spaceId: string): void {
    this.#spaceId = spaceId
  }

  /**
   * Loads a whole page (every block, inline databases included) and returns its block object, of
   * the class of its type. Pass `as` (a block class) or `type` to get it typed: the block is
   * checked once loaded, and a block of another kind rejects with `WrongBlockTypeError`.
   * @throws RecordNotFoundError when the block does not exist or the user may not read it
   * @example const todo = await client.getBlock(id, { as: ToDoBlock })   // ToDoBlock
   * @example const todo = await client.getBlock(id, { type: 'to_do' })  // ToDoBlock
   */
  getBlock<K extends KnownBlockType>(urlOrId: string, options: GetBlockOptions & { type: K; as?: undefined }): Promise<BlockFor<K>>
  getBlock<T extends Block>(urlOrId: string, options: GetBlockOptions<T> & { as: BlockConstructor<T> }): Promise<T>
  getBlock(urlOrId: string, options?: GetBlockOptions): Promise<Block>
  async getBlock(urlOrId: string, options: GetBlockOptions = {}): Promise<Block> {
    const { signal } = options
    signal?.throwIfAborted()
    const { id } = parseId(urlOrId)
    if (this.#cache) {
      // The cache is partitioned by account: it is read once the account is known. Warm: the
      // cached page now; its sync with the server goes on in the background.
      await abortable(this.ready, signal)
      if (!this.#cache.restorePage(id)) await this.loadPage(id, { signal })
    } else {
      // Nothing in a read needs the account: the first chunk goes out now, beside the
      // constructor's loadUserContent, instead of one round trip after it.
      await Promise.all([abortable(this.ready, signal), this.loadPage(id, { signal })])
    }
    if (!this.store.get('block', id)?.value) throw new RecordNotFoundError('block', id)
    const block = recordFor(this, 'block', id)
    const type = block.type
    if (options.type !== undefined && type !== options.type) throw new WrongBlockTypeError(id, options.type, type)
    const expected = options.as
    if (expected !== undefined && !(block instanceof expected)) throw new WrongBlockTypeError(id, expected.name, type)
    return block
  }

  /**
   * A page (a `page` block, or a database row, which is a page too), loaded whole.
   * @throws WrongBlockTypeError when the block is not a page (a database page is a
   *   `CollectionViewPageBlock`: use `getCollectionView`)
   * @example
   * const page = await client.getPage('https://www.notion.so/My-Page-0123456789abcdef0123456789abcdef')
   * page.title$.subscribe(console.log)
   */
  getPage(urlOrId: string, options: CallOptions = {}): Promise<PageBlock> {
    return this.getBlock(urlOrId, { as: PageBlock, signal: options.signal })
  }

  /**
   * A database view by the URL of a database page or block (`?v=<view>` picks the view; else its
   * first view), or by a view id. The view, its block and its collection are loaded.
   * @example const cv = await client.getCollectionView('https://www.notion.so/Tasks-0123...?v=4567...')
   */
  async getCollectionView(urlOrId: string, options: CallOptions = {}): Promise<CollectionView> {
    const { signal } = options
    signal?.throwIfAborted()
    await abortable(this.ready, signal)
    const { id, viewId } = parseId(urlOrId)
    let view = viewId
    if (view === undefined) {
      await this.loadRecords([{ table: 'block', id }, { table: 'collection_view', id }], options)
      // The first view that exists (recorded blocks may list views since deleted).
      view = (await this.#loadViewsOf(id, options)).find((viewId) => this.store.get('collection_view', viewId)?.value)
      if (view === undefined && this.store.get('collection_view', id)?.value) view = id
      if (view === undefined) throw new RecordNotFoundError('collection_view', id, 'no database block with views and no view has this id')
    }
    await this.loadRecords([{ table: 'collection_view', id: view }], options)
    const record = recordFor(this, 'collection_view', view)
    if (!record.isLoaded) throw new RecordNotFoundError('collection_view', view)
    const parentId = record.get('parent_id')
    if (typeof parentId === 'string') {
      await this.loadRecords([{ table: 'block', id: parentId }], options)
      await this.#loadViewsOf(parentId, options)
    }
    const collectionId = record.collectionId
    if (collectionId !== undefined) await this.loadRecords([{ table: 'collection', id: collectionId }], options)
    return record
  }

  /** A database (collection record) by id, loaded with its block and the block's views. */
  async getCollection(id: string, options: CallOptions = {}): Promise<Collection> {
    const collection = await this.getRecord<Collection>('collection', parseId(id).id, options)
    const parentId = collection.get('parent_id')
    if (typeof parentId === 'string' && collection.get('parent_table') === 'block') {
      await this.loadRecords([{ table: 'block', id: parentId }], options)
      await this.#loadViewsOf(parentId, options)
    }
    return collection
  }

  /** Loads every view a database block lists; returns their ids. */
  async #loadViewsOf(blockId: string, options: CallOptions): Promise<string[]> {
    const viewIds = this.store.get('block', blockId)?.value?.['view_ids']
    const ids = Array.isArray(viewIds) ? viewIds.filter((viewId): viewId is string => typeof viewId === 'string') : []
    await this.loadRecords(ids.map((viewId) => ({ table: 'collection_view', id: viewId })), options)
    return ids
  }

  /**
   * Posts a queryCollection body (reducer form; see `QueryBuilder`) and merges the rows, users and
   * records of its record map into the store. Queries built by `collection.query` use it.
   */
  async queryCollection(body: QueryCollectionBody, options: CallOptions = {}): Promise<QueryCollectionResponse> {
    options.signal?.throwIfAborted()
    await abortable(this.ready, options.signal)
    const response = await this.#call('queryCollection', body, queryCollectionResponseSchema, { idempotent: true, ...signalOf(options) })
    this.store.dispatch({ type: 'recordsLoaded', records: response.recordMap, origin: 'refresh' })
    return response
  }

  /** Any record by table and id, loaded if the store does not hold it. */
  async getRecord<T extends NotionRecord = NotionRecord>(table: string, id: string, options: CallOptions = {}): Promise<T> {
    options.signal?.throwIfAborted()
    await abortable(this.ready, options.signal)
    await this.loadRecords([{ table, id }], options)
    if (!this.store.get(table, id)?.value) throw new RecordNotFoundError(table, id)
    return recordFor(this, table, id) as T
  }

  /** Fetches records again from the server (only newer versions change the store). */
  refresh(records: readonly (NotionRecord | RecordPointer)[], options: CallOptions = {}): Promise<void> {
    return this.refreshRecords(records.map(({ table, id }) => ({ table, id })), options)
  }

  /** Writes issued inside `work`, also after awaits, go out as ONE request. Nestable. */
  transaction<T>(work: () => Promise<T> | T): Promise<T> {
    return this.transactions.transaction(work)
  }

  /**
   * Resolves when every queued write has committed; rejects with the first that failed. An
   * aborted `signal` stops the waiting, not the writes: they are already applied locally and
   * go out regardless (their failures still reach `errors$`).
   */
  flush(options: CallOptions = {}): Promise<void> {
    return abortable(this.transactions.flush(), options.signal)
  }

  /** Quick find over the user's workspaces (or below `ancestorId`), best match first. */
  async search(query: string, options: SearchOptions = {}): Promise<Block[]> {
    options.signal?.throwIfAborted()
    await abortable(this.ready, options.signal)
    const body = options.ancestorId
      ? { type: 'BlocksInAncestor', ancestorId: options.ancestorId, query, limit: options.limit ?? 20, filters: options.filters ?? {} }
      : { type: 'BlocksInSpace', spaceId: this.#spaceId, query, limit: options.limit ?? 20, filters: options.filters ?? {}, sort: 'Relevance', source: 'quick_find' }
    const response = await this.#call('search', body, searchResponseSchema, signalOf(options))
    this.store.dispatch({ type: 'recordsLoaded', records: response.recordMap, origin: 'refresh' })
    return response.results.map((result) => recordFor(this, 'block', result.id))
  }

  /** Ends the client: pending writes are flushed first; nothing keeps the process alive afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    // Offline, queued writes stay in the cache file for the next start instead of being waited for.
    if (this.#cache?.state.state !== 'offline') await this.transactions.flush().catch(() => {})
    this.#rowCollections?.unsubscribe()
    await this.monitor?.close()
    this.#cache?.close()
  }

  // ClientContext

  loadRecords(pointers: readonly RecordPointer[], options: CallOptions = {}): Promise<void> {
    return this.#loader.load(this.#cache ? this.#cache.restoreRecords(pointers) : pointers, options.signal)
  }

  refreshRecords(pointers: readonly RecordPointer[], options: CallOptions = {}): Promise<void> {
    return this.#loader.refresh(pointers, options.signal)
  }

  async loadPage(pageId: string, options: CallOptions = {}): Promise<void> {
    await this.loadPageWithStats(pageId, options)
  }

  /** `loadPage` that also says how many requests it took (benchmarks, diagnostics). */
  loadPageWithStats(pageId: string, options: CallOptions = {}): Promise<PageLoadStats> {
    return this.#pages.load(pageId, this.#spaceId, options.signal)
  }

  async deleteBlocksPermanently(blockIds: readonly string[]): Promise<void> {
    await this.transactions.flush()
    const body = { blockIds, permanentlyDelete: true, requestId: randomUUID() }
    await this.#call('deleteBlocks', body, deleteBlocksResponseSchema, { idempotent: true })
    await this.refreshRecords(blockIds.map((id) => ({ table: 'block', id })))
  }

  async backlinksOf(blockId: string, options: CallOptions = {}): Promise<string[]> {
    options.signal?.throwIfAborted()
    await abortable(this.ready, options.signal)
    const response = await this.#call('getBacklinksForBlock', { blockId }, getBacklinksForBlockResponseSchema, signalOf(options))
    this.store.dispatch({ type: 'recordsLoaded', records: response.recordMap, origin: 'refresh' })
    const ids: string[] = []
    for (const { mentioned_from: from } of response.backlinks) {
      // A mention names the block it is in; an alias (link to page) only its parent.
      const id = from.block_id ?? from.parent_block_id
      if (id !== undefined && !ids.includes(id)) ids.push(id)
    }
    return ids
  }

  uploadFile(source: UploadSource, record: RecordPointer, options?: UploadFileOptions): Promise<UploadedFile> {
    return this.#uploader.upload(source, record, options)
  }

  async signFileUrl(url: string, permissionRecord: RecordPointer, options: CallOptions = {}): Promise<string | undefined> {
    const response = await this.#call('getSignedFileUrls', { urls: [{ url, permissionRecord }] }, getSignedFileUrlsResponseSchema, signalOf(options))
    // "" is Notion's answer for a file the caller may not see.
    return response.signedUrls[0] || undefined
  }

  async userIdForEmail(email: string, options: { invite: boolean } & CallOptions): Promise<string | undefined> {
    options.signal?.throwIfAborted()
    await abortable(this.ready, options.signal)
    const found = await this.#call('findUser', { email }, findUserResponseSchema, signalOf(options))
    const user = found.value?.value
    if (user !== undefined) {
      // The answer is one record-map entry, not a recordMap (which the transport normalizes).
      const records = normalizeRecordMap({ notion_user: { [user.id]: found.value } })
      this.store.dispatch({ type: 'recordsLoaded', records, origin: 'refresh' })
      return user.id
    }
    if (!options.invite) return undefined
    // As the share menu does for an email without an account (docs/protocol.md#sharing).
    const body = { email, preferredLocaleOrigin: 'inferred_from_inviter', preferredLocale: 'en-US' }
    const created = await this.#call('createEmailUser', body, createEmailUserResponseSchema, { idempotent: true, ...signalOf(options) })
    return created.userId
  }

  async runTask(eventName: string, request: unknown, options: RunTaskOptions = {}): Promise<Task> {
    options.signal?.throwIfAborted()
    await abortable(this.ready, options.signal)
    return runTask(this.#call, eventName, request, options)
  }

  currentUserId(): string | undefined {
    return this.#userId
  }

  newId(): string {
    return randomUUID()
  }

  now(): number {
    return Date.now()
  }

  async #loadUserContent(): Promise<void> {
    const response = await this.#call('loadUserContent', {}, loadUserContentResponseSchema)
    const records = response.recordMap
    this.store.dispatch({ type: 'recordsLoaded', records, origin: 'refresh' })
    this.#userId ??= Object.keys(records.notion_user ?? {})[0]
    this.#spaceId ??= Object.entries(records.space ?? {}).find(([, entry]) => entry.value)?.[0]
    if (this.#cache && this.#tokenV2 && this.#userId && this.#actingAs === undefined) {
      this.#cache.rememberAccount(this.#tokenV2, { userId: this.#userId, spaceId: this.#spaceId })
    }
  }

  async #submit(batch: TransactionBatch): Promise<void> {
    if (this.#writeEndpoint === 'submitTransaction') {
      const body = { operations: batch.operations, requestId: batch.requestId, transactionId: batch.transactionId }
      await this.#call('submitTransaction', body, submitTransactionResponseSchema, { idempotent: true })
      return
    }
    const spaceId = batch.spaceId ?? this.#spaceId
    const body = {
      requestId: batch.requestId,
      transactions: [{ id: batch.transactionId, ...(spaceId ? { spaceId } : {}), operations: batch.operations }],
    }
    await this.#call(this.#writeEndpoint, body, saveTransactionsResponseSchema, { idempotent: true, ...(spaceId ? { spaceId } : {}) })
  }
}
