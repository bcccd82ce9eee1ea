import type { NormalizedRecordMap } from '@notion-rx/protocol'
import type { Subscription } from 'rxjs'
import type { RecordStore } from '../../store/recordStore.js'
import { recordKey, splitRecordKey, type RecordKey } from '../../store/snapshot.js'
import type { VersionedPointer } from '../recordFetcher.js'
import type { MonitorStats } from './monitorStats.js'

/** How often records held back by pending writes are looked at again, should no store update say so. */
const DEFERRED_RECHECK_MS = 250

export interface RefetcherOptions {
  /** Its `notifyManager` times the fetches (the client's one scheduler). */
  store: Pick<RecordStore, 'getConfirmed' | 'hasPendingWrites' | 'dispatch' | 'updated$' | 'notifyManager'>
  /** Fetches records newer than the versions given (syncRecordValuesMain with versions). */
  fetchRecords: (pointers: readonly VersionedPointer[]) => Promise<NormalizedRecordMap>
  /** Counts refetches, records refetched and stale announcements. */
  stats: MonitorStats
  /** How long after a failed fetch its records are asked for again. */
  retryMs: number
  /** A failed fetch (the transport already retried), as a value. */
  report: (error: unknown) => void
}

/**
 * Version-gated record fetches: an announcement newer than the version the store holds fetches the
 * record (with that version, so the server answers only what is newer) and merges it with origin
 * `remote`. Own writes echoed back are at or below the held version, so they fetch nothing. One
 * fetch at a time; what is announced meanwhile goes into the next one. A record with writes in
 * flight waits until they settle (fetching it now could count our own write twice).
 */
export class Refetcher {
  readonly #options: RefetcherOptions
  /** Newest version announced per record, until the store holds it. */
  readonly #notified = new Map<RecordKey, number>()
  readonly #toFetch = new Set<RecordKey>()
  /** Records with writes in flight. */
  readonly #deferred = new Set<RecordKey>()
  readonly #retries = new Set<NodeJS.Timeout>()
  readonly #updates: Subscription
  #fetching: Promise<void> | undefined
  /** A fetch is scheduled for the next turn (the notify manager's). */
  #fetchQueued = false
  readonly #requestFetch: () => void
  #deferTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor(options: RefetcherOptions) {
    this.#options = options
    this.#requestFetch = options.store.notifyManager.coalesce(() => {
      this.#fetchQueued = false
      if (!this.#closed) this.#fetch()
    })
    // Not snapshot$: building the snapshot costs O(records of a changed table) per update.
    this.#updates = options.store.updated$.subscribe(() => this.#recheckDeferred())
  }

  /** A notification: the record is now at `version` (undefined: newer than held, number unknown). */
  announce(table: string, id: string, version: number | undefined): void {
    const key = recordKey(table, id)
    const held = this.#options.store.getConfirmed(table, id)?.version ?? -1
    if (version !== undefined && held >= 0 && version <= held) {
      this.#options.stats.staleNotifications++
      return
    }
    this.#notified.set(key, Math.max(version ?? held + 1, this.#notified.get(key) ?? -1))
    this.#toFetch.add(key)
    this.#scheduleFetch()
  }

  /** Fetches these records with the versions held, announced or not (the polling fallback). */
  refetch(keys: Iterable<RecordKey>): void {
    for (const key of keys) this.#toFetch.add(key)
    this.#scheduleFetch()
  }

  /** The record is no longer followed: what was announced of it no longer matters. */
  forget(key: RecordKey): void {
    this.#notified.delete(key)
  }

  /**
   * Resolves once no refetch is queued or in flight: every record announced so far is in the store
   * (or its fetch failed).
   */
  async whenIdle(): Promise<void> {
    const { notifyManager } = this.#options.store
    while (!this.#closed && (this.#fetching || this.#fetchQueued || this.#toFetch.size > 0)) {
      await (this.#fetching?.catch(() => {}) ?? new Promise<void>((resolve) => notifyManager.schedule(resolve)))
    }
  }

  /** Stops every timer; a fetch in flight finishes (the returned promise waits for it) but changes nothing. */
  async close(): Promise<void> {
    this.#closed = true
    this.#updates.unsubscribe()
    for (const timer of this.#retries) clearTimeout(timer)
    this.#retries.clear()
    clearInterval(this.#deferTimer)
    await this.#fetching?.catch(() => {})
  }

  #scheduleFetch(): void {
    if (this.#closed || this.#fetchQueued || this.#fetching || this.#toFetch.size === 0) return
    // One fetch at a time: what is announced meanwhile goes into the next one (batching under load).
    this.#fetchQueued = true
    this.#requestFetch()
  }

  #fetch(): void {
    const pointers = this.#takePointers()
    if (pointers.length === 0) return
    const { store, fetchRecords, stats } = this.#options
    stats.refetches++
    stats.recordsRefetched += pointers.length
    this.#fetching = fetchRecords(pointers)
      .then((records) => {
        if (this.#closed) return
        store.dispatch({ type: 'recordsLoaded', records, origin: 'remote' })
        for (const { table, id } of pointers) this.#notified.delete(recordKey(table, id))
      })
      .catch((error: unknown) => {
        if (this.#closed) return
        this.#options.report(error)
        // The transport already retried; try again later, the announcements still stand.
        this.#retryLater(pointers)
      })
      .finally(() => {
        this.#fetching = undefined
        this.#scheduleFetch()
      })
  }

  /** The queued records worth fetching, with the versions held; those with writes in flight wait. */
  #takePointers(): VersionedPointer[] {
    const { store, stats } = this.#options
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
        stats.staleNotifications++
        continue
      }
      pointers.push(held >= 0 ? { table, id, version: held } : { table, id })
    }
    this.#toFetch.clear()
    return pointers
  }

  #retryLater(pointers: readonly VersionedPointer[]): void {
    const timer = setTimeout(() => {
      this.#retries.delete(timer)
      for (const { table, id } of pointers) if (this.#notified.has(recordKey(table, id))) this.#toFetch.add(recordKey(table, id))
      this.#scheduleFetch()
    }, this.#options.retryMs)
    this.#retries.add(timer)
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
    const { store, stats } = this.#options
    for (const key of this.#deferred) {
      const { table, id } = splitRecordKey(key)
      if (store.hasPendingWrites(table, id)) continue
      this.#deferred.delete(key)
      const announced = this.#notified.get(key)
      if (announced === undefined) continue
      if (announced > (store.getConfirmed(table, id)?.version ?? -1)) this.#toFetch.add(key)
      else {
        this.#notified.delete(key)
        stats.staleNotifications++
      }
    }
    if (this.#deferred.size === 0) {
      clearInterval(this.#deferTimer)
      this.#deferTimer = undefined
    }
    this.#scheduleFetch()
  }
}
