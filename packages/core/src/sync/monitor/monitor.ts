import {
  collectionSubscriptionKey,
  parseSubscriptionKey,
  type MessageStoreNotification,
  type NormalizedRecordMap,
} from '@notion-rx/protocol'
import { filter, map, Subject, type Observable } from 'rxjs'
import type { RecordStore } from '../../store/recordStore.js'
import { recordKey } from '../../store/snapshot.js'
import type { VersionedPointer } from '../recordFetcher.js'
import { ConnectionSupervisor } from './connectionSupervisor.js'
import { FollowedKeys } from './followedKeys.js'
import { HeldVersions } from './heldVersions.js'
import type { KeyChange, KeyFollowing } from './keyFollowing.js'
import type { Connect } from './messageStoreConnection.js'
import { MessageHandler } from './messageHandler.js'
import type { ConnectionState, ResolvedMonitorOptions } from './monitorOptions.js'
import { emptyMonitorStats, type MonitorStats } from './monitorStats.js'
import { Refetcher } from './refetcher.js'
import { Registrations } from './registrations.js'

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
 * An announcement on a database's `collection/<id>` key (a row added, changed, or moved in or out).
 * `version` -1 means "may have changed": the key was just registered with no version to catch up
 * from, so changes made before the registration went unannounced.
 */
export interface CollectionChange {
  collectionId: string
  version: number
}

function collectionChangeOf({ key, version }: KeyChange): CollectionChange | undefined {
  const parsed = parseSubscriptionKey(key)
  return parsed.kind === 'collection' ? { collectionId: parsed.collectionId, version } : undefined
}

/**
 * Live updates from the message store (docs/protocol.md#message-store), composed of four parts:
 * - `FollowedKeys`: subscriptions follow observation: a record observed in the store gets
 *   `versions/<id>:<table>` (the last observer leaving unsubscribes after a grace period); other
 *   keys are held through `follow` (the databases wing holds a database's `collection/<id>` while
 *   rows of it are observed). `Registrations` sends the changes in batches with the versions held.
 * - `ConnectionSupervisor`: connects, answers heartbeats, reconnects with backoff and jitter
 *   (re-registering every key with its held version: the server answers with catch-up
 *   notifications, so nothing is missed across a disconnect), and polls versions while the message
 *   store cannot be reached.
 * - `MessageHandler`: acks notifications and routes them: a record's to the refetcher, other keys'
 *   to `keyChanges$`.
 * - `Refetcher`: a notification newer than the held version fetches the record (batched, with
 *   versions) and merges it with origin `remote`. Own writes echoed back fetch nothing.
 */
export class Monitor implements KeyFollowing {
  /** connecting → live; reconnecting after a drop; polling while unreachable; closed. */
  readonly connection$: Observable<ConnectionState>
  /** Announcements on followed keys that name no record (`KeyFollowing`). */
  readonly keyChanges$: Observable<KeyChange>
  /** The announcements of `keyChanges$` on databases' `collection/<id>` keys. */
  readonly collectionChanges$: Observable<CollectionChange>
  /** Every notification received (diagnostics). */
  readonly notifications$: Observable<MessageStoreNotification>
  /** Failed fetches and error answers, as values. */
  readonly errors$: Observable<unknown>

  readonly #stats = emptyMonitorStats()
  readonly #keyChanges = new Subject<KeyChange>()
  readonly #notifications = new Subject<MessageStoreNotification>()
  readonly #errors = new Subject<unknown>()
  readonly #refetcher: Refetcher
  readonly #registrations: Registrations
  readonly #connection: ConnectionSupervisor
  readonly #followed: FollowedKeys
  #closed = false

  constructor(deps: MonitorDependencies) {
    const { store, options } = deps
    const stats = this.#stats
    const report = (error: unknown) => {
      stats.errors++
      this.#errors.next(error)
    }
    const versions = new HeldVersions(store)
    this.#refetcher = new Refetcher({ store, fetchRecords: deps.fetchRecords, stats, retryMs: options.reconnectMinMs, report })
    this.#registrations = new Registrations({
      batchMs: options.subscribeBatchMs,
      heldVersion: (key) => versions.of(key),
      send: (message) => this.#connection.send(message),
      registeredUnversioned: (key) => this.#keyChanges.next({ key, version: -1 }),
      notifyManager: store.notifyManager,
    })
    const messages = new MessageHandler({
      stats,
      send: (message) => this.#connection.send(message),
      isFollowed: (key) => this.#followed.has(key),
      registrations: this.#registrations,
      refetcher: this.#refetcher,
      versions,
      notified: (notification) => this.#notifications.next(notification),
      keyChanged: (change) => this.#keyChanges.next(change),
      report,
    })
    this.#connection = new ConnectionSupervisor({
      url: deps.url,
      headers: deps.headers,
      options,
      connect: deps.connect,
      stats,
      opened: () => this.#registrations.opened(this.#followed.keys()),
      dropped: () => this.#registrations.dropped(),
      received: (message) => messages.receive(message),
      poll: () => this.#refetcher.refetch(this.#followed.recordKeys()),
    })
    this.#followed = new FollowedKeys({
      store,
      graceMs: options.unsubscribeGraceMs,
      onAdd: (key) => this.#registrations.add(key),
      onRemove: (key) => this.#unfollowed(key),
    })
    this.connection$ = this.#connection.state$
    this.keyChanges$ = this.#keyChanges.asObservable()
    this.collectionChanges$ = this.#keyChanges.pipe(map(collectionChangeOf), filter((change) => change !== undefined))
    this.notifications$ = this.#notifications.asObservable()
    this.errors$ = this.#errors.asObservable()
    this.#connection.start()
  }

  get state(): ConnectionState {
    return this.#connection.state
  }

  /** Counters since start (a copy). */
  get stats(): MonitorStats {
    return { ...this.#stats }
  }

  /** The keys subscribed, or kept through their grace period. */
  subscriptionKeys(): string[] {
    return this.#followed.keys()
  }

  /** Keeps any message-store key subscribed until the returned function is called (`KeyFollowing`). */
  follow(key: string): () => void {
    return this.#followed.follow(key)
  }

  /**
   * Keeps `collection/<id>` subscribed while the returned function has not been called, whether
   * or not any row is observed (a live query over an empty result still hears about new rows).
   */
  observeCollection(collectionId: string): () => void {
    return this.follow(collectionSubscriptionKey(collectionId))
  }

  /**
   * Resolves once no refetch is queued or in flight: every record announced so far is in the store
   * (or its fetch failed). What was read after it is as new as the notifications received before it
   * (live queries wait for it before checking their result with the server).
   */
  whenIdle(): Promise<void> {
    return this.#refetcher.whenIdle()
  }

  /** Ends the connection, every subscription and timer. Fetches in flight finish but change nothing. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#followed.close()
    const fetching = this.#refetcher.close()
    this.#registrations.close()
    this.#connection.close()
    this.#keyChanges.complete()
    this.#notifications.complete()
    this.#errors.complete()
    await fetching
  }

  #unfollowed(key: string): void {
    this.#registrations.remove(key)
    const parsed = parseSubscriptionKey(key)
    if (parsed.kind === 'record') this.#refetcher.forget(recordKey(parsed.table, parsed.id))
  }
}
