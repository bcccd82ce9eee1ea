import { randomUUID } from 'node:crypto'
import {
  collectionSubscriptionKey,
  messageStoreServerMessageSchema,
  parseSubscriptionKey,
  recordSubscriptionKey,
  type MessageStoreNotification,
  type MessageStoreResponse,
  type NormalizedRecordMap,
  type PrimusFrame,
} from '@notion-rx/protocol'
import { BehaviorSubject, distinctUntilChanged, Subject, Subscription, type Observable } from 'rxjs'
import type { RecordChange } from '../../store/recordChange.js'
import type { RecordStore } from '../../store/recordStore.js'
import { recordKey, splitRecordKey, type RecordKey } from '../../store/snapshot.js'
import type { VersionedPointer } from '../recordFetcher.js'
import { connectEio3 } from './eio3PollingConnection.js'
import { connectEngineIo } from './engineIoConnection.js'
import type { Connect, MessageStoreConnection, TrafficStats } from './messageStoreConnection.js'
import type { ConnectionState, MessageStoreTransport, ResolvedMonitorOptions } from './monitorOptions.js'
import { reconnectDelay } from './reconnectDelay.js'
import { SubscriptionSet } from './subscriptionSet.js'

const REGISTER = '/api/v1/registerBatchSubscriptions'
const UNREGISTER = '/api/v1/unregisterBatchSubscriptions'
const ACK = '/api/v1/ackNotification'
/** Keys per (un)registration frame, as the web app batches them (docs/protocol.md#message-store-messages). */
const BATCH_LIMIT = 250
/** How often records held back by pending writes are looked at again, should no store update say so. */
const DEFERRED_RECHECK_MS = 250

export interface MonitorDependencies {
  store: RecordStore
  /** Fetches records newer than the versions given (syncRecordValuesMain with versions). */
  fetchRecords: (pointers: readonly VersionedPointer[]) => Promise<NormalizedRecordMap>
  /** The message store's URL, path included. */
  url: string
  /** Handshake headers: `cookie: token_v2=…`, `x-notion-active-user-header`. */
  headers: Record<string, string>
  options: ResolvedMonitorOptions
  /** Opens connections; tests inject their own. @default by `options.transport` */
  connect?: Connect
}

/**
 * A database whose rows changed (a row added, changed, or moved in or out): for live queries.
 * `version` -1 means "may have changed": the key was just registered with no version to catch up
 * from, so changes made before the registration went unannounced.
 */
export interface CollectionChange {
  collectionId: string
  version: number
}

export interface MonitorStats extends TrafficStats {
  /** Connections opened (the first one and every reconnect). */
  connects: number
  /** Answers to requests (registrations, unregistrations, acks). */
  responses: number
  notifications: number
  /** Notifications at or below the version held: own writes echoed back, catch-ups already had. */
  staleNotifications: number
  /** Fetch requests made because of notifications or polling, and the records they asked for. */
  refetches: number
  recordsRefetched: number
  /** Version polls while the message store could not be reached. */
  polls: number
  errors: number
}

function defaultConnect(transport: MessageStoreTransport): Connect {
  return transport === 'eio3' ? connectEio3 : (options) => connectEngineIo({ ...options, transport })
}

/** The database a block is a row of, if it is one. */
function rowCollectionOf(value: Record<string, unknown> | undefined): string | undefined {
  return value?.['parent_table'] === 'collection' && typeof value['parent_id'] === 'string' ? value['parent_id'] : undefined
}

/**
 * Live updates from the message store (docs/protocol.md#message-store).
 *
 * - Subscriptions follow observation: a record observed in the store gets `versions/<id>:<table>`
 *   (first observer subscribes, the last one unsubscribes after a grace period); a database gets
 *   `collection/<id>` while rows of it are observed. Changes go out in batches with the versions held.
 * - A notification newer than the held version fetches the record (batched, with versions) and
 *   merges it with origin `remote`. Own writes echoed back are at or below the held version, so they
 *   fetch nothing and emit nothing.
 * - Reconnects with backoff and jitter, re-registering every key with its held version: the server
 *   answers with catch-up notifications, so nothing is missed across a disconnect.
 * - While the message store cannot be reached, versions are polled instead.
 */
export class Monitor {
  /** connecting → live; reconnecting after a drop; polling while unreachable; closed. */
  readonly connection$: Observable<ConnectionState>
  readonly collectionChanges$: Observable<CollectionChange>
  /** Every notification received (diagnostics). */
  readonly notifications$: Observable<MessageStoreNotification>
  /** Failed fetches and error answers, as values. */
  readonly errors$: Observable<unknown>

  readonly #deps: MonitorDependencies
  readonly #state = new BehaviorSubject<ConnectionState>('connecting')
  readonly #collectionChanges = new Subject<CollectionChange>()
  readonly #notifications = new Subject<MessageStoreNotification>()
  readonly #errors = new Subject<unknown>()
  readonly #subscriptions: SubscriptionSet
  readonly #storeSubscription = new Subscription()
  readonly #stats: MonitorStats = {
    framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0,
    connects: 0, responses: 0, notifications: 0, staleNotifications: 0, refetches: 0, recordsRefetched: 0, polls: 0, errors: 0,
  }

  readonly #observed = new Set<RecordKey>()
  readonly #rowCollection = new Map<RecordKey, string>()
  readonly #collectionVersions = new Map<string, number>()

  #connection: MessageStoreConnection | undefined
  #connectionToken: object | undefined
  #live = false
  #attempt = 0
  readonly #registered = new Set<string>()
  #toRegister = new Set<string>()
  #toUnregister = new Set<string>()
  /** Registrations sent before the record's version was known, by request id. */
  readonly #unversioned = new Map<string, string[]>()
  /** Databases registered with no version to catch up from, by request id. */
  readonly #unversionedCollections = new Map<string, string[]>()

  /** Newest version announced per record, until the store holds it. */
  readonly #notified = new Map<RecordKey, number>()
  readonly #toFetch = new Set<RecordKey>()
  /** Records with writes in flight: fetching them now could count our own write twice. */
  readonly #deferred = new Set<RecordKey>()
  #fetching: Promise<void> | undefined
  #fetchImmediate: NodeJS.Immediate | undefined

  readonly #timers = new Set<NodeJS.Timeout>()
  #batchTimer: NodeJS.Timeout | undefined
  #pollTimer: NodeJS.Timeout | undefined
  #deferTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor(deps: MonitorDependencies) {
    this.#deps = deps
    this.connection$ = this.#state.pipe(distinctUntilChanged())
    this.collectionChanges$ = this.#collectionChanges.asObservable()
    this.notifications$ = this.#notifications.asObservable()
    this.errors$ = this.#errors.asObservable()
    this.#subscriptions = new SubscriptionSet({
      graceMs: deps.options.unsubscribeGraceMs,
      onAdd: (key) => this.#keyAdded(key),
      onRemove: (key) => this.#keyRemoved(key),
    })
    const { store } = deps
    this.#storeSubscription.add(store.observation$.subscribe(({ key, observed }) => (observed ? this.#observe(key) : this.#unobserve(key))))
    this.#storeSubscription.add(store.changes$.subscribe((changes) => this.#trackRows(changes)))
    // Not snapshot$: building the snapshot costs O(records of a changed table) per update.
    this.#storeSubscription.add(store.updated$.subscribe(() => this.#recheckDeferred()))
    for (const key of store.observedKeys()) this.#observe(key)
    this.#connect()
  }

  get state(): ConnectionState {
    return this.#state.getValue()
  }

  /** Counters since start (a copy). */
  get stats(): MonitorStats {
    return { ...this.#stats }
  }

  /** The keys subscribed, or kept through their grace period. */
  subscriptionKeys(): string[] {
    return this.#subscriptions.keys()
  }

  /**
   * Keeps `collection/<id>` subscribed while the returned function has not been called, whether
   * or not any row is observed (a live query over an empty result still hears about new rows).
   */
  observeCollection(collectionId: string): () => void {
    const key = collectionSubscriptionKey(collectionId)
    this.#subscriptions.acquire(key)
    let released = false
    return () => {
      if (released) return
      released = true
      this.#subscriptions.release(key)
    }
  }

  /**
   * Resolves once no refetch is queued or in flight: every record announced so far is in the store
   * (or its fetch failed). Live queries wait for it before checking their result with the server.
   */
  async whenIdle(): Promise<void> {
    while (!this.#closed && (this.#fetching || this.#fetchImmediate || this.#toFetch.size > 0)) {
      await (this.#fetching?.catch(() => {}) ?? new Promise<void>((resolve) => setImmediate(resolve)))
    }
  }

  /** Ends the connection, every subscription and timer. Fetches in flight finish but change nothing. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#storeSubscription.unsubscribe()
    this.#subscriptions.dispose()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    clearTimeout(this.#batchTimer)
    clearInterval(this.#pollTimer)
    clearInterval(this.#deferTimer)
    if (this.#fetchImmediate) clearImmediate(this.#fetchImmediate)
    this.#connectionToken = undefined
    this.#connection?.close()
    this.#connection = undefined
    this.#live = false
    this.#state.next('closed')
    this.#state.complete()
    this.#collectionChanges.complete()
    this.#notifications.complete()
    this.#errors.complete()
    await this.#fetching?.catch(() => {})
  }

  // Observation → subscriptions

  #observe(key: RecordKey): void {
    this.#observed.add(key)
    const { table, id } = splitRecordKey(key)
    this.#subscriptions.acquire(recordSubscriptionKey(table, id))
    if (table === 'block') this.#setRow(key, rowCollectionOf(this.#deps.store.get(table, id)?.value))
  }

  #unobserve(key: RecordKey): void {
    this.#observed.delete(key)
    const { table, id } = splitRecordKey(key)
    this.#setRow(key, undefined)
    this.#subscriptions.release(recordSubscriptionKey(table, id))
  }

  /** An observed block that is (or stops being) a database row holds its database's key. */
  #setRow(key: RecordKey, collectionId: string | undefined): void {
    const previous = this.#rowCollection.get(key)
    if (previous === collectionId) return
    if (collectionId) {
      this.#rowCollection.set(key, collectionId)
      this.#subscriptions.acquire(collectionSubscriptionKey(collectionId))
    } else this.#rowCollection.delete(key)
    if (previous) this.#subscriptions.release(collectionSubscriptionKey(previous))
  }

  #trackRows(changes: readonly RecordChange[]): void {
    for (const change of changes) {
      if (change.table !== 'block') continue
      const key = recordKey(change.table, change.id)
      if (this.#observed.has(key)) this.#setRow(key, rowCollectionOf(change.after))
    }
  }

  #keyAdded(key: string): void {
    this.#toUnregister.delete(key)
    if (this.#live && !this.#registered.has(key)) {
      this.#toRegister.add(key)
      this.#scheduleBatch()
    }
  }

  #keyRemoved(key: string): void {
    this.#toRegister.delete(key)
    const parsed = parseSubscriptionKey(key)
    if (parsed.kind === 'record') this.#notified.delete(recordKey(parsed.table, parsed.id))
    if (this.#live && this.#registered.has(key)) {
      this.#toUnregister.add(key)
      this.#scheduleBatch()
    }
  }

  #scheduleBatch(): void {
    if (this.#batchTimer) return
    this.#batchTimer = setTimeout(() => {
      this.#batchTimer = undefined
      this.#flushBatch()
    }, this.#deps.options.subscribeBatchMs)
  }

  /** The version a registration carries: what the store confirmed, so the server can catch us up. */
  #heldVersion(key: string): number {
    const parsed = parseSubscriptionKey(key)
    if (parsed.kind === 'record') {
      const version = this.#deps.store.getConfirmed(parsed.table, parsed.id)?.version ?? -1
      return version >= 0 ? version : -1
    }
    if (parsed.kind === 'collection') return this.#collectionVersions.get(parsed.collectionId) ?? -1
    return -1
  }

  #flushBatch(): void {
    clearTimeout(this.#batchTimer)
    this.#batchTimer = undefined
    if (!this.#live) return
    const unregister = [...this.#toUnregister]
    this.#toUnregister.clear()
    for (let i = 0; i < unregister.length; i += BATCH_LIMIT) {
      const keys = unregister.slice(i, i + BATCH_LIMIT)
      for (const key of keys) this.#registered.delete(key)
      this.#send({ type: UNREGISTER, requestId: randomUUID(), keys })
    }
    const register = [...this.#toRegister]
    this.#toRegister.clear()
    this.#register(register, true)
  }

  #register(keys: readonly string[], trackUnversioned: boolean): void {
    for (let i = 0; i < keys.length; i += BATCH_LIMIT) {
      const requestId = randomUUID()
      const subscriptions = keys.slice(i, i + BATCH_LIMIT).map((key) => ({ key, version: this.#heldVersion(key) }))
      const unversioned = subscriptions.filter((s) => s.version < 0 && parseSubscriptionKey(s.key).kind === 'record').map((s) => s.key)
      if (trackUnversioned && unversioned.length > 0) this.#unversioned.set(requestId, unversioned)
      const collections = subscriptions.flatMap((s) => {
        const parsed = parseSubscriptionKey(s.key)
        return s.version < 0 && parsed.kind === 'collection' ? [parsed.collectionId] : []
      })
      if (collections.length > 0) this.#unversionedCollections.set(requestId, collections)
      for (const { key } of subscriptions) this.#registered.add(key)
      this.#send({ type: REGISTER, requestId, subscriptions })
    }
  }

  #send(value: unknown): void {
    this.#connection?.send(value)
  }

  // Connection

  #connect(): void {
    if (this.#closed) return
    const token = {}
    this.#connectionToken = token
    const current = () => this.#connectionToken === token && !this.#closed
    const { url, headers, options } = this.#deps
    const connect = this.#deps.connect ?? defaultConnect(options.transport)
    this.#connection = connect({
      url,
      headers,
      stats: this.#stats,
      handlers: {
        open: () => current() && this.#onOpen(),
        frame: (frame) => current() && this.#onFrame(frame),
        close: (_reason, opened) => current() && this.#onClose(opened),
      },
    })
  }

  #onOpen(): void {
    this.#live = true
    this.#attempt = 0
    this.#stats.connects++
    clearInterval(this.#pollTimer)
    this.#pollTimer = undefined
    // A fresh session knows nothing: register every key with its held version; what changed
    // meanwhile comes back at once as catch-up notifications.
    this.#registered.clear()
    this.#toUnregister.clear()
    this.#toRegister = new Set(this.#subscriptions.keys())
    this.#flushBatch()
    this.#state.next('live')
  }

  #onClose(opened: boolean): void {
    this.#live = false
    this.#connection = undefined
    this.#connectionToken = undefined
    this.#registered.clear()
    this.#toRegister.clear()
    this.#toUnregister.clear()
    this.#unversioned.clear()
    this.#unversionedCollections.clear()
    if (opened) this.#state.next('reconnecting')
    else this.#startPolling()
    const { reconnectMinMs, reconnectMaxMs, random } = this.#deps.options
    this.#later(() => this.#connect(), reconnectDelay(this.#attempt++, reconnectMinMs, reconnectMaxMs, random))
  }

  #later(work: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      work()
    }, ms)
    this.#timers.add(timer)
  }

  #startPolling(): void {
    this.#state.next('polling')
    if (this.#pollTimer) return
    this.#poll()
    this.#pollTimer = setInterval(() => this.#poll(), this.#deps.options.pollIntervalMs)
  }

  /** Fallback: every subscribed record, fetched with its version (the server answers what is newer). */
  #poll(): void {
    this.#stats.polls++
    for (const key of this.#subscriptions.keys()) {
      const parsed = parseSubscriptionKey(key)
      if (parsed.kind === 'record') this.#toFetch.add(recordKey(parsed.table, parsed.id))
    }
    this.#scheduleFetch()
  }

  // Messages

  #onFrame(frame: PrimusFrame): void {
    if (frame.kind === 'ping') {
      this.#send(`primus::pong::${frame.timestamp}`)
      return
    }
    if (frame.kind !== 'data') return
    const parsed = messageStoreServerMessageSchema.safeParse(frame.value)
    if (!parsed.success) return
    if (parsed.data.type === 'notification') this.#onNotification(parsed.data)
    else this.#onResponse(parsed.data)
  }

  #onResponse(response: MessageStoreResponse): void {
    this.#stats.responses++
    if (response.status === 'error') {
      this.#stats.errors++
      this.#errors.next(new Error(`message store: ${response.error?.message ?? 'request failed'}`))
    }
    const collections = response.requestId === null ? undefined : this.#unversionedCollections.get(response.requestId)
    if (collections) {
      this.#unversionedCollections.delete(response.requestId!)
      // A database key has no version to catch up from: whatever changed between the caller's
      // last look and this registration went unannounced, so say "it may have changed" once.
      for (const collectionId of collections) {
        if (this.#registered.has(collectionSubscriptionKey(collectionId))) this.#collectionChanges.next({ collectionId, version: -1 })
      }
    }
    const keys = response.requestId === null ? undefined : this.#unversioned.get(response.requestId)
    if (!keys) return
    this.#unversioned.delete(response.requestId!)
    // Registered before the record was loaded: a change between the load and the registration
    // would go unnoticed. Now that the version is known, register again with it (the server catches up).
    const known = keys.filter((key) => this.#registered.has(key) && this.#heldVersion(key) >= 0)
    if (known.length > 0) this.#register(known, false)
  }

  #onNotification(notification: MessageStoreNotification): void {
    this.#stats.notifications++
    this.#notifications.next(notification)
    if (notification.ackId !== undefined) this.#send({ type: ACK, requestId: randomUUID(), ackId: notification.ackId })
    if (notification.status === 'error') {
      this.#stats.errors++
      this.#errors.next(new Error(`message store notification error on ${notification.key}`))
      return
    }
    // The web app compares `version`; notion-py's era sent only `value`.
    const version = notification.version ?? (typeof notification.value === 'number' ? notification.value : undefined)
    const parsed = parseSubscriptionKey(notification.key)
    if (parsed.kind === 'collection') {
      if (version !== undefined) this.#collectionVersions.set(parsed.collectionId, Math.max(version, this.#collectionVersions.get(parsed.collectionId) ?? -1))
      this.#collectionChanges.next({ collectionId: parsed.collectionId, version: version ?? -1 })
      return
    }
    if (parsed.kind !== 'record' || !this.#subscriptions.has(notification.key)) return
    const key = recordKey(parsed.table, parsed.id)
    const held = this.#deps.store.getConfirmed(parsed.table, parsed.id)?.version ?? -1
    if (version !== undefined && held >= 0 && version <= held) {
      this.#stats.staleNotifications++
      return
    }
    this.#notified.set(key, Math.max(version ?? held + 1, this.#notified.get(key) ?? -1))
    this.#toFetch.add(key)
    this.#scheduleFetch()
  }

  // Fetching

  #scheduleFetch(): void {
    if (this.#closed || this.#fetchImmediate || this.#fetching || this.#toFetch.size === 0) return
    // One fetch at a time: what is announced meanwhile goes into the next one (batching under load).
    this.#fetchImmediate = setImmediate(() => {
      this.#fetchImmediate = undefined
      this.#fetch()
    })
  }

  #fetch(): void {
    const { store, fetchRecords } = this.#deps
    const pointers: VersionedPointer[] = []
    for (const key of this.#toFetch) {
      const { table, id } = splitRecordKey(key)
      if (store.hasPendingWrites(table, id)) {
        this.#defer(key)
        continue
      }
      const held = store.getConfirmed(table, id)?.version ?? -1
      const announced = this.#notified.get(key)
      // Caught up meanwhile (our own write committed, or another fetch brought it).
      if (announced !== undefined && held >= 0 && held >= announced) {
        this.#notified.delete(key)
        this.#stats.staleNotifications++
        continue
      }
      pointers.push(held >= 0 ? { table, id, version: held } : { table, id })
    }
    this.#toFetch.clear()
    if (pointers.length === 0) return
    this.#stats.refetches++
    this.#stats.recordsRefetched += pointers.length
    this.#fetching = fetchRecords(pointers)
      .then((records) => {
        if (this.#closed) return
        store.dispatch({ type: 'recordsLoaded', records, origin: 'remote' })
        for (const { table, id } of pointers) this.#notified.delete(recordKey(table, id))
      })
      .catch((error: unknown) => {
        if (this.#closed) return
        this.#stats.errors++
        this.#errors.next(error)
        // The transport already retried; try again later, the announcements still stand.
        this.#later(() => {
          for (const { table, id } of pointers) if (this.#notified.has(recordKey(table, id))) this.#toFetch.add(recordKey(table, id))
          this.#scheduleFetch()
        }, this.#deps.options.reconnectMinMs)
      })
      .finally(() => {
        this.#fetching = undefined
        this.#scheduleFetch()
      })
  }

  #defer(key: RecordKey): void {
    this.#deferred.add(key)
    this.#deferTimer ??= setInterval(() => this.#recheckDeferred(), DEFERRED_RECHECK_MS)
  }

  /**
   * Records whose writes settled: the commit made the store's version the server's, so an echo of
   * our own write is now at or below it and needs nothing; a newer announcement is fetched.
   */
  #recheckDeferred(): void {
    if (this.#deferred.size === 0 || this.#closed) return
    const { store } = this.#deps
    for (const key of this.#deferred) {
      const { table, id } = splitRecordKey(key)
      if (store.hasPendingWrites(table, id)) continue
      this.#deferred.delete(key)
      const announced = this.#notified.get(key)
      if (announced === undefined) continue
      if (announced > (store.getConfirmed(table, id)?.version ?? -1)) this.#toFetch.add(key)
      else {
        this.#notified.delete(key)
        this.#stats.staleNotifications++
      }
    }
    if (this.#deferred.size === 0) {
      clearInterval(this.#deferTimer)
      this.#deferTimer = undefined
    }
    this.#scheduleFetch()
  }
}
