import { applyOperation, isKnownTable, operationTarget, type JsonPath, type NormalizedRecordMap, type Operation, type RecordEntry } from '@notion-rx/protocol'
import { freeze } from 'immer'
import { BehaviorSubject, defer, distinctUntilChanged, map, Observable, Subject, type Subscriber } from 'rxjs'
import { ArrivalLog } from './arrivalLog.js'
import { boundDepth, MAX_RECORD_DEPTH } from './boundDepth.js'
import { diffRecord } from './diffRecord.js'
import { freezeWithin } from './freezeWithin.js'
import { isReadable, RawRecordChange, rawValue, type RawRecord } from './rawRecord.js'
import { notifyManager as sharedNotifyManager, type NotifyManager } from './notifyManager.js'
import type { ChangeOrigin, RecordChange } from './recordChange.js'
import { replaceEqualDeep } from './replaceEqualDeep.js'
import { recordKey, splitRecordKey, type RecordIssue, type RecordKey, type RecordValue, type Snapshot, type StoredRecord } from './snapshot.js'
import { TableMap } from './tableMap.js'
import { settleUnread, UnreadRecord, unreadEntry } from './unreadRecord.js'

/** Every way the store's state can change. All of them go through `dispatch`. */
export type StoreAction =
  | { type: 'recordsLoaded'; records: NormalizedRecordMap; origin: Exclude<ChangeOrigin, 'local'> }
  | { type: 'optimisticApplied'; layerId: string; operations: readonly Operation[] }
  | { type: 'txCommitted'; layerId: string }
  | { type: 'txRejected'; layerId: string }
  | { type: 'recordsEvicted'; keys: readonly RecordKey[] }

/** A batch of optimistic operations not yet confirmed by the server. */
interface Layer {
  id: string
  opsByKey: Map<RecordKey, Operation[]>
}

interface Observer {
  subscriber: Pick<Subscriber<StoredRecord | undefined>, 'next'>
  last: StoredRecord | undefined
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** What the store holds without having taken it in: cached JSON text, or a server response's value. */
type PendingRecord = RawRecord | UnreadRecord

/** What a record without a value (role none) takes in. */
const NO_VALUE: { value?: undefined; truncatedAt?: undefined } = {}

/** The observer of a `hold`: it wants the record kept, not told. */
const HOLDER: Observer['subscriber'] = { next: () => {} }

export interface RecordStoreOptions {
  /**
   * Batches the store's updates (one publication per outermost batch) and times the work built
   * on this store (live queries).
   * @default the shared `notifyManager`
   */
  notifyManager?: NotifyManager | undefined
}

/** Emitted when a record gains its first observer or loses its last one (the monitor subscribes by this). */
export interface ObservationEvent {
  key: RecordKey
  observed: boolean
}

/**
 * The single source of truth of a client: server state (the base) with optimistic layers on top,
 * published as one Immer-frozen snapshot in a BehaviorSubject that never errors or completes.
 *
 * - Merges are version-aware: a record older than (or as old as) the held one is ignored.
 * - Optimistic writes are layers: applied at once, squashed into the base on commit, dropped on
 *   rejection (the records they touched are recomputed from the base and the other layers).
 * - `select(table, id)` observers are indexed by record key, so an update costs O(records changed),
 *   whatever the number of observers of other records; each observer is told only when its
 *   record's reference changed.
 * - Records live in per-table maps; the whole-store snapshot object is built from them only when
 *   someone reads `snapshot` or observes `snapshot$` (then only the tables that changed are
 *   rebuilt), so a store of 100,000 records does not copy a table on every update.
 */
export class RecordStore {
  /** The visible records (base + layers), by table then id. */
  readonly #visible = new Map<string, Map<string, StoredRecord>>()
  /** The last snapshot object built, and the tables changed since. */
  #snapshot: Snapshot = freeze({}, true)
  readonly #dirtyTables = new Set<string>()
  readonly #snapshotSubject: BehaviorSubject<Snapshot>
  readonly #changes = new Subject<RecordChange[]>()
  readonly #updated = new Subject<void>()
  readonly #touched = new Subject<ReadonlySet<RecordKey>>()
  readonly #observation = new Subject<ObservationEvent>()
  readonly #issues = new Subject<RecordIssue>()
  readonly #observers = new TableMap<Set<Observer>>()
  readonly #base = new TableMap<StoredRecord>()
  /**
   * Records held but not taken in yet, in neither #base nor #visible: the durable cache's as JSON
   * text (see putRaw), and server records nobody has read since they arrived (see #loadRecords).
   */
  readonly #raw = new TableMap<PendingRecord>()
  #rawPublished = false
  #layers: Layer[] = []
  #publishQueued = false
  #pendingKeys = new Set<RecordKey>()
  #pendingChanges: RecordChange[] = []
  readonly #arrivals = new ArrivalLog()

  /** Every snapshot; the current one at subscription. */
  readonly snapshot$: Observable<Snapshot>
  /** The changes of each update, batched (one array per update). */
  readonly changes$: Observable<RecordChange[]> = this.#changes.asObservable()
  /**
   * After every update that changed any record (a version bump included): a signal without the
   * snapshot, for bookkeeping that must not pay for rebuilding a table (the monitor's re-checks).
   */
  readonly updated$: Observable<void> = this.#updated.asObservable()
  /**
   * The keys of the records each update changed (before `updated$` fires): what the durable cache
   * follows, reading the confirmed records itself later, so an update costs it one Set merge.
   */
  readonly touched$: Observable<ReadonlySet<RecordKey>> = this.#touched.asObservable()
  /** First-observer / last-observer events per record key. */
  readonly observation$: Observable<ObservationEvent> = this.#observation.asObservable()
  /** Records from the server the store took in only in part (nested too deep), as they arrive. */
  readonly issues$: Observable<RecordIssue> = this.#issues.asObservable()

  /** When this store publishes, and the clock of what is built on it (live queries). */
  readonly notifyManager: NotifyManager

  constructor(options: RecordStoreOptions = {}) {
    this.notifyManager = options.notifyManager ?? sharedNotifyManager
    this.#snapshotSubject = new BehaviorSubject<Snapshot>(this.#snapshot)
    // Unobserved, the subject is not kept current (that is the expensive part): bring it up to
    // date for each new subscriber.
    this.snapshot$ = defer(() => {
      const current = this.snapshot
      if (this.#snapshotSubject.getValue() !== current) this.#snapshotSubject.next(current)
      return this.#snapshotSubject.asObservable()
    })
  }

  /** The whole store as one frozen object; unchanged tables and records keep their references. */
  get snapshot(): Snapshot {
    this.#takeAllRaw()
    if (this.#dirtyTables.size === 0) return this.#snapshot
    // No prototypes: ids are the server's strings (`__proto__`, `constructor` are ordinary ids).
    const next: Record<string, Readonly<Record<string, StoredRecord>> | undefined> = Object.create(null)
    Object.assign(next, this.#snapshot)
    for (const table of this.#dirtyTables) {
      const records = this.#visible.get(table)
      if (records && records.size > 0) {
        const byId = Object.create(null) as Record<string, StoredRecord>
        for (const [id, record] of records) byId[id] = record
        next[table] = Object.freeze(byId)
      } else {
        delete next[table]
      }
    }
    this.#dirtyTables.clear()
    this.#snapshot = Object.freeze(next)
    return this.#snapshot
  }

  get(table: string, id: string): StoredRecord | undefined {
    const record = this.#visible.get(table)?.get(id)
    if (record !== undefined || this.#raw.size === 0) return record
    return this.#takeRaw(table, id)
  }

  /**
   * How many times records came in from the server or the cache file: a caller holding an answer
   * it has not stored yet can tell whether the store may have gained newer records meanwhile.
   */
  get arrivals(): number {
    return this.#arrivals.count
  }

  /**
   * The ids of `table` that came in after the mark `arrivals` gave: empty when none did, undefined
   * when the store cannot tell (a large arrival, or one too long ago). O(what arrived meanwhile).
   */
  arrivedSince(mark: number, table: string): ReadonlySet<string> | undefined {
    return this.#arrivals.since(mark, table)
  }

  /** The record as the server last confirmed it (no optimistic layers). */
  getConfirmed(table: string, id: string): StoredRecord | undefined {
    if (this.#raw.size > 0) this.#takeRaw(table, id)
    return this.#base.get(table, id)
  }

  /** Whether the store holds the record (confirmed, optimistic, or from the cache file not read yet), without parsing it. */
  holds(table: string, id: string): boolean {
    return this.#visible.get(table)?.has(id) === true || this.#raw.has(table, id)
  }

  /** The confirmed version (-1 when unknown), without parsing a record held raw: what a version sync sends. */
  confirmedVersion(table: string, id: string): number | undefined {
    return this.#raw.get(table, id)?.version ?? this.#base.get(table, id)?.version
  }

  /** Keys of every record the server has given the store (not those only written locally). */
  keys(): RecordKey[] {
    return [...this.#base.keys(), ...this.#raw.keys()]
  }

  /** Keys of records that have at least one observer. */
  observedKeys(): RecordKey[] {
    return [...this.#observers.keys()]
  }

  hasPendingLayers(): boolean {
    return this.#layers.length > 0
  }

  /** Whether optimistic writes not yet confirmed by the server touch this record. */
  hasPendingWrites(table: string, id: string): boolean {
    const key = recordKey(table, id)
    return this.#layers.some((layer) => layer.opsByKey.has(key))
  }

  /** The record, now and whenever its reference changes. Cold; registers in the observer index. */
  select(table: string, id: string): Observable<StoredRecord | undefined> {
    return new Observable<StoredRecord | undefined>((subscriber) => {
      const observer: Observer = { subscriber, last: this.get(table, id) }
      const release = this.#addObserver(table, id, observer)
      subscriber.next(observer.last)
      return release
    })
  }

  /**
   * Keeps a record observed without a subscription (the monitor follows it; it is never evicted)
   * until the returned function is called. Live queries hold their rows this way: thousands of
   * holds cost a set entry each, not an Observable each.
   */
  hold(table: string, id: string): () => void {
    return this.#addObserver(table, id, { subscriber: HOLDER, last: undefined })
  }

  #addObserver(table: string, id: string, observer: Observer): () => void {
    let observers = this.#observers.get(table, id)
    if (!observers) {
      observers = new Set()
      this.#observers.set(table, id, observers)
      this.#observation.next({ key: recordKey(table, id), observed: true })
    }
    observers.add(observer)
    return () => {
      const current = this.#observers.get(table, id)
      if (!current?.delete(observer)) return
      if (current.size === 0) {
        this.#observers.delete(table, id)
        this.#observation.next({ key: recordKey(table, id), observed: false })
      }
    }
  }

  /** A derived value of a record, emitted only when it changes by reference. */
  selectValue<T>(table: string, id: string, selector: (record: StoredRecord | undefined) => T): Observable<T> {
    return this.select(table, id).pipe(map(selector), distinctUntilChanged())
  }

  /** Runs `work` and publishes everything it dispatched as one snapshot and one changes$ batch. */
  batch<T>(work: () => T): T {
    return this.notifyManager.batch(() => {
      try {
        return work()
      } finally {
        this.#publishAtBatchEnd()
      }
    })
  }

  #publishAtBatchEnd(): void {
    if (this.#publishQueued) return
    this.#publishQueued = true
    this.notifyManager.notify(() => {
      this.#publishQueued = false
      this.#publish()
    })
  }

  /** The one entry point for state changes. Returns the record changes it caused. */
  dispatch(action: StoreAction): RecordChange[] {
    return this.batch(() => {
      if (action.type === 'recordsLoaded') return this.#loadRecords(action.records, action.origin)
      return this.#recompute(this.#reduce(action), 'local')
    })
  }

  /** Applies one local action to the base or the layers; returns the keys of the records it touched. */
  #reduce(action: Exclude<StoreAction, { type: 'recordsLoaded' }>): Set<RecordKey> {
    const touched = new Set<RecordKey>()
    switch (action.type) {
      case 'optimisticApplied':
        for (const op of action.operations) if (this.#raw.size > 0) this.#takeRawTarget(op)
        this.#applyOptimistic(action.layerId, action.operations, touched)
        break
      case 'txCommitted':
        this.#squashLayer(action.layerId, touched)
        break
      case 'txRejected': {
        const layer = this.#takeLayer(action.layerId)
        if (layer) for (const key of layer.opsByKey.keys()) touched.add(key)
        break
      }
      case 'recordsEvicted':
        for (const key of action.keys) {
          const { table, id } = splitRecordKey(key)
          this.#raw.delete(table, id)
          if (this.#observers.has(table, id) || this.#layers.some((layer) => layer.opsByKey.has(key))) continue
          this.#base.delete(table, id)
          touched.add(key)
        }
        break
    }
    return touched
  }

  /**
   * Applies server records, version-aware, and recomputes each one's visible state as it goes (one
   * pass, no list of touched keys to split again). A record the store knew nothing of, that nobody
   * observes and no local write touches (the bulk of a page load) is held as it came, unread: it is
   * frozen and taken in when first read, and announced by a change that works out its fields then.
   * The others are frozen where they are (fresh from the response, owned by nobody else).
   */
  #loadRecords(records: NormalizedRecordMap, origin: Exclude<ChangeOrigin, 'local'>): RecordChange[] {
    const changes: RecordChange[] = []
    const take = (pending: PendingRecord) => this.#takeIfPending(pending)
    const note = this.#arrivals.begin()
    for (const table of Object.keys(records)) {
      // Tables are a closed set: what the server names beyond it is not taken in.
      const entries = records[table as keyof NormalizedRecordMap]
      if (!isKnownTable(table) || !entries) continue
      const visible = this.#visible.get(table)
      let held = false
      // Keys, not entries: no pair array per record (a page load stores tens of thousands).
      // No `table:id` key per record on the way (see TableMap): only for a record that changes.
      for (const id of Object.keys(entries)) {
        note(table, id)
        const entry = entries[id]!
        // A pending one is taken in first, so the version check below compares with it.
        if (this.#raw.size > 0 && this.#raw.has(table, id)) this.#takeRaw(table, id)
        if (this.#layers.length === 0 && !this.#base.has(table, id) && !visible?.has(id) && !this.#observers.has(table, id)) {
          held = true
          this.#holdUnread(table, id, entry, origin, changes, take)
          continue
        }
        const record = this.#putBase(table, id, entry)
        if (record) this.#recomputeOne(table, id, recordKey(table, id), origin, changes, record)
      }
      if (held) this.#dirtyTables.add(table)
    }
    return changes
  }

  /**
   * Holds a server record nobody has read yet (see #loadRecords): on touched$, announced lazily.
   * The held record is its own change.
   */
  #holdUnread(
    table: string,
    id: string,
    entry: RecordEntry,
    origin: Exclude<ChangeOrigin, 'local'>,
    changes: RecordChange[],
    take: (pending: UnreadRecord) => void,
  ): void {
    const unread = new UnreadRecord(table, id, entry, origin, take)
    this.#raw.set(table, id, unread)
    this.#rawPublished = true
    // Nobody observes it: its key matters only to touched$ (the cache), and updated$ fires anyway.
    if (this.#touched.observed) this.#pendingKeys.add(recordKey(table, id))
    if (entry.value === undefined) return
    changes.push(unread)
    this.#pendingChanges.push(unread)
  }

  /** Takes a pending record in if it is still the one held (a change's `after` read late finds it replaced or evicted). */
  #takeIfPending(pending: PendingRecord): void {
    if (this.#raw.get(pending.table, pending.id) === pending) this.#takeRaw(pending.table, pending.id)
  }

  /** Puts one server record in the base, version-aware: the record stored, or undefined when the held one is as new. */
  #putBase(table: string, id: string, entry: RecordEntry): StoredRecord | undefined {
    const held = this.#base.get(table, id)
    const version = typeof entry.value?.['version'] === 'number' ? (entry.value['version'] as number) : -1
    if (held && held.version >= 0 && version >= 0 && version <= held.version && held.role === entry.role) return undefined
    const { value, truncatedAt } = entry.value === undefined ? NO_VALUE : this.#takeValue(table, id, entry.value, held?.value)
    // Built in place, not spread together: a page load makes thousands.
    const record: Mutable<StoredRecord> = { role: entry.role, version }
    if (value) record.value = value
    if (entry.spaceId) record.spaceId = entry.spaceId
    if (truncatedAt) record.truncatedAt = Object.freeze(truncatedAt)
    this.#base.set(table, id, Object.freeze(record))
    return record
  }

  /**
   * A server value as the store keeps it: depth-bounded (before any recursive walk: structural
   * sharing, diffing), sharing unchanged branches with the held value, deep-frozen.
   */
  #takeValue(table: string, id: string, raw: RecordValue, held: RecordValue | undefined): { value: RecordValue; truncatedAt?: JsonPath } {
    // The common case: one walk freezes the value in place and finds it within the depth limit.
    if (freezeWithin(raw, MAX_RECORD_DEPTH)) {
      if (!held) return { value: raw }
      const shared = replaceEqualDeep(held, raw)
      freezeWithin(shared, MAX_RECORD_DEPTH)
      return { value: shared }
    }
    // Nested too deep (a hostile or broken record): a copy with the deeper branches cut.
    const bounded = boundDepth(raw)
    if (bounded.truncatedAt) this.#reportTooDeep(table, id, bounded.truncatedAt)
    const value = replaceEqualDeep(held, bounded.value)
    freezeWithin(value, MAX_RECORD_DEPTH)
    return bounded.truncatedAt ? { value, truncatedAt: bounded.truncatedAt } : { value }
  }

  /** Writes of one batch share a layer: the last one is extended while its batch is open. */
  #applyOptimistic(layerId: string, operations: readonly Operation[], touched: Set<RecordKey>): void {
    const last = this.#layers.at(-1)
    const layer: Layer = last?.id === layerId ? last : { id: layerId, opsByKey: new Map() }
    for (const op of operations) {
      const { table, id } = operationTarget(op)
      const key = recordKey(table, id)
      const list = layer.opsByKey.get(key)
      if (list) list.push(op)
      else layer.opsByKey.set(key, [op])
      touched.add(key)
    }
    if (layer !== last) this.#layers.push(layer)
  }

  /** Squashes a committed layer into the base: the server applied its ops and bumped each record's version once. */
  #squashLayer(layerId: string, touched: Set<RecordKey>): void {
    const layer = this.#takeLayer(layerId)
    if (!layer) return
    for (const [key, ops] of layer.opsByKey) {
      const { table, id } = splitRecordKey(key)
      const held = this.#base.get(table, id)
      const value = applyAll(held?.value, ops)
      const version = held && held.version >= 0 ? held.version + 1 : 1
      const record: StoredRecord = {
        role: held?.role ?? 'editor',
        version,
        ...(value ? { value } : {}),
        ...(held?.spaceId ? { spaceId: held.spaceId } : {}),
        ...(held?.truncatedAt ? { truncatedAt: held.truncatedAt } : {}),
      }
      this.#base.set(table, id, freeze(record, true))
      touched.add(key)
    }
  }

  #reportTooDeep(table: string, id: string, path: readonly (string | number)[]): void {
    const where = path.length > 8 ? `${path.slice(0, 4).join('.')}.….${path.slice(-2).join('.')}` : path.join('.')
    const message = `${table} ${id} nests deeper than ${MAX_RECORD_DEPTH} levels (at ${where}); the deeper branches were cut to null.`
    // Reported after the update is published, so a subscriber sees the record it is told about.
    queueMicrotask(() => this.#issues.next({ table, id, kind: 'too_deep', path, message }))
  }

  #takeLayer(layerId: string): Layer | undefined {
    const index = this.#layers.findIndex((layer) => layer.id === layerId)
    if (index === -1) return undefined
    return this.#layers.splice(index, 1)[0]
  }

  /** The visible state of a record: its base with every pending layer's operations on top. */
  #computeVisible(table: string, id: string, key: RecordKey): StoredRecord | undefined {
    const base = this.#base.get(table, id)
    let value = base?.value
    let touched = false
    for (const layer of this.#layers) {
      const ops = layer.opsByKey.get(key)
      if (!ops) continue
      value = applyAll(value, ops)
      touched = true
    }
    if (!touched) return base
    return {
      role: base?.role ?? 'editor',
      version: base?.version ?? -1,
      ...(value ? { value } : {}),
      ...(base?.spaceId ? { spaceId: base.spaceId } : {}),
      ...(base?.truncatedAt ? { truncatedAt: base.truncatedAt } : {}),
    }
  }

  #recompute(keys: Set<RecordKey>, origin: ChangeOrigin): RecordChange[] {
    const changes: RecordChange[] = []
    for (const key of keys) {
      const { table, id } = splitRecordKey(key)
      this.#recomputeOne(table, id, key, origin, changes)
    }
    return changes
  }

  /** Brings one record's visible state up to date; its change, if any, goes to `changes` and the pending batch. */
  #recomputeOne(table: string, id: string, key: RecordKey, origin: ChangeOrigin, changes: RecordChange[], base?: StoredRecord): void {
    let records = this.#visible.get(table)
    const previous = records?.get(id)
    // Without pending layers the visible record is the base one (the caller may have it at hand).
    const computed = this.#layers.length > 0 ? this.#computeVisible(table, id, key) : (base ?? this.#base.get(table, id))
    const record = computed && previous ? replaceEqualDeep(previous, computed) : computed
    if (record === previous) return
    if (record) {
      if (!records) this.#visible.set(table, (records = new Map()))
      records.set(id, record)
    } else {
      records?.delete(id)
    }
    this.#dirtyTables.add(table)
    this.#pendingKeys.add(key)
    const fieldChanges = diffRecord(table, previous?.value, record?.value)
    if (fieldChanges.length > 0) {
      const change: RecordChange = { table, id, origin, before: previous?.value, after: record?.value, changes: fieldChanges }
      changes.push(change)
      this.#pendingChanges.push(change)
    }
  }

  /**
   * Takes records from the durable cache as JSON text, parsed on first read (`get`, a change's
   * `after`, `snapshot`...), so a warm start costs what its caller reads. Each is announced on
   * `changes$` (origin `cache`) in this update; observers of one are told as usual. A record the
   * store already holds (or has local edits for) is skipped: the file never replaces what the
   * store has. Not on `touched$`: the cache need not write back what it just read.
   */
  putRaw(records: Iterable<RawRecord>): void {
    const note = this.#arrivals.begin()
    this.batch(() => {
      const materialize = (pending: PendingRecord) => this.#takeIfPending(pending)
      for (const raw of records) {
        const { table, id } = raw
        if (!isKnownTable(table)) continue
        note(table, id)
        if (this.#base.has(table, id) || this.#raw.has(table, id) || this.#visible.get(table)?.has(id)) continue
        this.#raw.set(table, id, raw)
        this.#dirtyTables.add(table)
        this.#rawPublished = true
        if (this.#observers.has(table, id)) this.#pendingKeys.add(recordKey(table, id))
        if (raw.json !== null) this.#pendingChanges.push(new RawRecordChange(raw, materialize))
      }
    })
  }

  /** Takes a pending record into the base (as a load from the server would) and the visible state, quietly. */
  #takeRaw(table: string, id: string): StoredRecord | undefined {
    const raw = this.#raw.get(table, id)
    if (raw === undefined) return undefined
    this.#raw.delete(table, id)
    if (raw instanceof UnreadRecord) {
      // An unread server value is bounded and frozen by #putBase, as if it had been stored on arrival.
      const stored = this.#putBase(table, id, unreadEntry(raw))
      if (stored?.value) settleUnread(raw, stored.value)
    } else {
      if (!isReadable(raw)) return undefined
      const value = rawValue(raw)
      this.#putBase(table, id, { role: raw.role, ...(value ? { value } : {}), ...(raw.spaceId ? { spaceId: raw.spaceId } : {}) })
    }
    const record = this.#computeVisible(table, id, recordKey(table, id))
    if (record) {
      let records = this.#visible.get(table)
      if (!records) this.#visible.set(table, (records = new Map()))
      records.set(id, record)
    }
    return record
  }

  #takeRawTarget(op: Operation): void {
    const { table, id } = operationTarget(op)
    this.#takeRaw(table, id)
  }

  #takeAllRaw(): void {
    for (const table of this.#raw.tables()) {
      for (const id of [...(this.#raw.table(table)?.keys() ?? [])]) this.#takeRaw(table, id)
    }
  }

  /** Tells the observers of the records that changed (and only those), then changes$ subscribers. */
  #publish(): void {
    const keys = this.#pendingKeys
    const changes = this.#pendingChanges
    this.#pendingKeys = new Set()
    this.#pendingChanges = []
    const raw = this.#rawPublished
    this.#rawPublished = false
    if ((keys.size > 0 || raw) && this.#snapshotSubject.observed) this.#snapshotSubject.next(this.snapshot)
    // Keys are split only while someone observes a record (touched$ may list a whole page load).
    if (this.#observers.size > 0) this.#tellObservers(keys)
    if (changes.length > 0) this.#changes.next(changes)
    if (keys.size > 0 && this.#touched.observed) this.#touched.next(keys)
    if (keys.size > 0 || raw) this.#updated.next()
  }

  /** Tells each observer of these records whose record's reference changed. */
  #tellObservers(keys: ReadonlySet<RecordKey>): void {
    for (const key of keys) {
      const { table, id } = splitRecordKey(key)
      const observers = this.#observers.get(table, id)
      if (!observers) continue
      const record = this.get(table, id)
      for (const observer of [...observers]) {
        if (observer.last === record) continue
        observer.last = record
        observer.subscriber.next(record)
      }
    }
  }
}

function applyAll(value: Record<string, unknown> | undefined, ops: readonly Operation[]): Record<string, unknown> | undefined {
  let result = value
  for (const op of ops) {
    try {
      result = applyOperation(result, op)
    } catch {
      // Operations are validated before they are queued; one that no longer applies to newer
      // server state is skipped here, and the server's answer decides.
    }
  }
  return result
}
