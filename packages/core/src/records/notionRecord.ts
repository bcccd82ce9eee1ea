import type { Operation, OperationPointer, RecordTable, Role } from '@notion-rx/protocol'
import { filter, ignoreElements, map, merge, mergeMap, type Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import type { RecordChange } from '../store/recordChange.js'
import type { RecordValue, StoredRecord } from '../store/snapshot.js'
import type { CallOptions } from '../callOptions.js'
import type { BlockField } from './blockField.js'
import { observeField, readField, writeField } from './fieldAccessors.js'
import { toAsyncIterator } from '../store/toAsyncIterator.js'
import { toPathSegments, valueAtPath, type RecordPath } from './recordPath.js'
import { pendingCommit, queueWrite } from './recordWrites.js'

/** notion-py-style callback: the record and the changes of one store update. */
export type RecordCallback<R extends NotionRecord = NotionRecord> = (record: R, changes: readonly RecordChange[]) => void

/**
 * The base of every record object (Block, Space, User, ...): an id, a table and the client
 * context, NEVER data. Every getter reads the store, every `x$` is a store selection that emits
 * only when its value changes, every setter queues operations (applied to the store at once,
 * sent with the tick's batch). Two objects for the same record are `equals`.
 */
export class NotionRecord {
  readonly id: string
  readonly table: RecordTable
  /** The client this record reads and writes through. */
  readonly context: ClientContext

  constructor(context: ClientContext, table: RecordTable, id: string) {
    this.context = context
    this.table = table
    this.id = id
  }

  /** The record as the store holds it now (undefined until loaded). */
  protected get stored(): StoredRecord | undefined {
    return this.context.store.get(this.table, this.id)
  }

  /** The current user's role on the record (`editor`, `reader`, `none`, ...); undefined until loaded. */
  get role(): Role | undefined {
    return this.stored?.role
  }

  /** The server version the store's state is based on; undefined until loaded. */
  get version(): number | undefined {
    return this.stored?.version
  }

  /** Whether the store holds a value for this record. */
  get isLoaded(): boolean {
    return this.stored?.value !== undefined
  }

  /** The whole record value (frozen; with pending optimistic writes applied). */
  get value(): RecordValue | undefined {
    return this.stored?.value
  }

  get value$(): Observable<RecordValue | undefined> {
    return this.select((value) => value)
  }

  /** The workspace the record belongs to. */
  get spaceId(): string | undefined {
    const spaceId = this.value?.['space_id']
    return typeof spaceId === 'string' ? spaceId : this.stored?.spaceId
  }

  /**
   * The value at `path` (an array, or notion-py's dotted string), or `fallback`.
   * @example block.get('format.page_icon'), block.get(['properties', 'title'])
   */
  get(path: RecordPath = [], fallback?: unknown): unknown {
    const found = valueAtPath(this.value, path)
    return found === undefined ? fallback : found
  }

  /** The value at `path`, now and on every change. */
  field(path: RecordPath): Observable<unknown> {
    const segments = toPathSegments(path)
    return this.select((value) => valueAtPath(value, segments))
  }

  /**
   * Sets the value at `path` (a `set` operation; `null` removes it). Applied to the store at once;
   * resolves when committed. Not type-checked: prefer the typed accessors.
   */
  set(path: RecordPath, value: unknown): Promise<void> {
    return this.write([this.operation(toPathSegments(path), 'set', value)])
  }

  /** Fetches the record again from the server. */
  refresh(options: CallOptions = {}): Promise<void> {
    return this.context.refreshRecords([this.pointer()], options)
  }

  /** Fetches the record if the store does not hold it yet. */
  load(options: CallOptions = {}): Promise<void> {
    return this.context.loadRecords([this.pointer()], options)
  }

  /**
   * Settles when every write queued so far through record objects that touches this record has
   * committed; rejects if one of them was rejected (the store has then rolled it back).
   */
  get committed(): Promise<void> {
    return pendingCommit(this.context, this.table, this.id)
  }

  /**
   * The changes of this record, one array per store update that changed it. Subscribing observes
   * the record, so a client with live updates subscribes to it on the message store.
   */
  get changes$(): Observable<RecordChange[]> {
    const { store } = this.context
    return merge(
      store.select(this.table, this.id).pipe(ignoreElements()),
      store.changes$.pipe(
        map((changes) => changes.filter((change) => change.id === this.id && change.table === this.table)),
        filter((changes) => changes.length > 0),
      ),
    )
  }

  /**
   * The changes of this record as an async iterator, for Node-style loops. Leave the loop (or
   * abort `signal`) to stop.
   * @example for await (const change of block.changes()) console.log(change.origin, change.changes)
   */
  changes(options: { signal?: AbortSignal } = {}): AsyncIterableIterator<RecordChange> {
    const flat = this.changes$.pipe(mergeMap((changes) => changes))
    return toAsyncIterator(flat, options.signal)
  }

  /**
   * notion-py's `add_callback`: calls `callback(record, changes)` on every change of this record.
   * @returns a function that stops watching
   */
  watch(callback: RecordCallback<this>): () => void {
    const subscription = this.changes$.subscribe((changes) => callback(this, changes))
    return () => subscription.unsubscribe()
  }

  /** Same table and id (record objects are identified by them, as notion-py's `__eq__`). */
  equals(other: unknown): boolean {
    return other instanceof NotionRecord && other.table === this.table && other.id === this.id
  }

  toString(): string {
    return `${this.constructor.name}(${this.id})`
  }

  /** How operations point at this record (with its space, as the current web app sends). */
  pointer(): OperationPointer {
    const spaceId = this.spaceId
    return spaceId === undefined ? { table: this.table, id: this.id } : { table: this.table, id: this.id, spaceId }
  }

  /** A selection of the record's value; emits only when `read`'s result changes. */
  protected select<T>(read: (value: RecordValue | undefined) => T): Observable<T> {
    return this.context.store.selectValue(this.table, this.id, (record) => read(record?.value))
  }

  protected operation(path: readonly (string | number)[], command: string, args: unknown): Operation {
    return { pointer: this.pointer(), path: [...path], command, args }
  }

  /** Queues operations; the promise resolves on commit and is already handled (see queueWrite). */
  protected write(operations: readonly Operation[]): Promise<void> {
    return queueWrite(this.context, operations)
  }

  /** A mapped accessor's current value (for hand-written accessors; declared fields get theirs generated). */
  protected read<T>(field: BlockField<T>): T {
    return readField(this, field)
  }

  /** A mapped accessor's value, now and on every change. */
  protected observe<T>(field: BlockField<T>): Observable<T> {
    return observeField(this, field)
  }

  /** Checks and queues a mapped accessor's write (fire and forget: failures reach `transactions.errors$`). */
  protected assign<T>(field: BlockField<T>, value: T): void {
    writeField(this, field, value)
  }
}
