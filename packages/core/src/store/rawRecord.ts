import { deepFreeze, type Role } from '@notion-rx/protocol'
import { diffRecord } from './diffRecord.js'
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

/** Values of raw records, parsed once: shared by the store and the change that announced them. */
const parsed = new WeakMap<RawRecord, RecordValue>()

/**
 * The value of a raw record, parsed once and deep-frozen (undefined when it has none): frozen
 * here by protocol's iterative walk, the store's Immer freeze then finds it frozen and stops.
 */
export function rawValue(raw: RawRecord): RecordValue | undefined {
  if (raw.json === null) return undefined
  let value = parsed.get(raw)
  if (value === undefined) {
    value = deepFreeze(parseObject(raw.json))
    parsed.set(raw, value)
  }
  return value
}

/** Whether the text holds a record value: a damaged entry of the file is no record (the sync then loads it whole). */
export function isReadable(raw: RawRecord): boolean {
  return raw.json === null || rawValue(raw) !== DAMAGED
}

const DAMAGED: RecordValue = Object.freeze({})

function parseObject(json: string): RecordValue {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RecordValue) : DAMAGED
  } catch {
    return DAMAGED
  }
}

/**
 * The change a raw record causes (appearing from nothing, origin `cache`): its value and field
 * changes are worked out when someone reads them, so announcing 10,000 records costs 10,000 small
 * objects. `after` is the value the record arrived with, whatever it became since.
 */
export class RawRecordChange implements RecordChange {
  readonly origin = 'cache'
  readonly before = undefined
  readonly table: string
  readonly id: string
  readonly #raw: RawRecord
  /** Has the store take the record in (frozen, the same object as `after`). */
  readonly #materialize: (raw: RawRecord) => void
  #changes: readonly FieldChange[] | undefined

  constructor(raw: RawRecord, materialize: (raw: RawRecord) => void) {
    this.table = raw.table
    this.id = raw.id
    this.#raw = raw
    this.#materialize = materialize
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
