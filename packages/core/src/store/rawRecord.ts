import { deepFreeze, type Role } from '@notion-rx/protocol'
import { boundDepth, MAX_RECORD_DEPTH } from './boundDepth.js'
import { diffRecord } from './diffRecord.js'
import { freezeWithin } from './freezeWithin.js'
import type { FieldChange, RecordChange } from './recordChange.js'
import type { RecordValue } from './snapshot.js'

/**
 * A record as the durable cache holds it, its value still JSON text: what `RecordStore.putRaw`
 * takes. The store parses it the first time anyone reads the record, so a warm start costs the
 * records its caller reads, not every record of the file (a database page with 10,000 cached rows
 * shows at once; a row is parsed when it is read).
 */
export interface RawRecord {
  readonly table: string
  readonly id: string
  readonly role: Role
  readonly version: number
  /** The value as JSON text; null for a record without one (role none). */
  readonly json: string | null
  readonly spaceId?: string | undefined
}

/**
 * A record a server response brought that nobody has read yet: its value as `JSON.parse` made it,
 * neither frozen nor checked for depth (owned by nobody else: the response is dropped once
 * stored). The store takes it in (depth-bounded, frozen, version-aware) the first time anyone
 * reads it, so loading a page of 10,000 blocks costs the blocks its caller reads.
 */
export interface UnreadRecord {
  readonly table: string
  readonly id: string
  readonly role: Role
  readonly version: number
  readonly value: RecordValue | undefined
  readonly spaceId?: string | undefined
}

/** What the store holds without having taken it in: cached JSON text, or a server response's value. */
export type PendingRecord = RawRecord | UnreadRecord

export function isUnread(record: PendingRecord): record is UnreadRecord {
  return !('json' in record)
}

/**
 * Values of pending records as the store took them in (a raw record's parsed once), shared by the
 * store and the change that announced them.
 */
const parsed = new WeakMap<PendingRecord, RecordValue>()

/** Remembers the value the store took in for an unread record: what its change shows as `after`. */
export function rememberTaken(record: UnreadRecord, value: RecordValue | undefined): void {
  if (value !== undefined) parsed.set(record, value)
}

/**
 * The value of a raw record, parsed once and deep-frozen (undefined when it has none): frozen
 * here by protocol's iterative walk, the store's Immer freeze then finds it frozen and stops.
 */
export function rawValue(raw: PendingRecord): RecordValue | undefined {
  if (isUnread(raw)) {
    let taken = parsed.get(raw)
    // Dropped before the store took it in (evicted): frozen here as the store would have.
    if (taken === undefined && raw.value !== undefined) parsed.set(raw, (taken = freezeWithin(raw.value, MAX_RECORD_DEPTH) ? raw.value : frozenBounded(raw.value)))
    return taken
  }
  if (raw.json === null) return undefined
  let value = parsed.get(raw)
  if (value === undefined) {
    value = deepFreeze(parseObject(raw.json))
    parsed.set(raw, value)
  }
  return value
}

/** Whether the text holds a record value: a damaged entry of the file is no record (the sync then loads it whole). */
export function isReadable(raw: PendingRecord): boolean {
  return isUnread(raw) || raw.json === null || rawValue(raw) !== DAMAGED
}

const DAMAGED: RecordValue = Object.freeze({})

function frozenBounded(value: RecordValue): RecordValue {
  const bounded = boundDepth(value).value
  freezeWithin(bounded, MAX_RECORD_DEPTH)
  return bounded
}

function parseObject(json: string): RecordValue {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RecordValue) : DAMAGED
  } catch {
    return DAMAGED
  }
}

/**
 * The change a pending record causes (appearing from nothing: origin `cache` for the file's,
 * `refresh` for a response's): its value and field changes are worked out when someone reads
 * them, so announcing 10,000 records costs 10,000 small objects. `after` is the value the record
 * arrived with, whatever it became since.
 */
export class RawRecordChange implements RecordChange {
  readonly origin: 'cache' | 'refresh' | 'remote'
  readonly before = undefined
  readonly table: string
  readonly id: string
  readonly #raw: PendingRecord
  /** Has the store take the record in (frozen, the same object as `after`). */
  readonly #materialize: (raw: PendingRecord) => void
  #changes: readonly FieldChange[] | undefined

  constructor(raw: PendingRecord, materialize: (raw: PendingRecord) => void, origin: 'cache' | 'refresh' | 'remote' = 'cache') {
    this.table = raw.table
    this.id = raw.id
    this.#raw = raw
    this.#materialize = materialize
    this.origin = origin
  }

  get after(): RecordValue | undefined {
    this.#materialize(this.#raw)
    return isReadable(this.#raw) ? rawValue(this.#raw) : undefined
  }

  get changes(): readonly FieldChange[] {
    return (this.#changes ??= diffRecord(this.table, undefined, this.after))
  }

  /** Plain fields for `JSON.stringify`, spreads and equality checks. */
  toJSON(): RecordChange {
    return { table: this.table, id: this.id, origin: this.origin, before: undefined, after: this.after, changes: this.changes }
  }
}
