import type { RecordEntry, Role } from '@notion-rx/protocol'
import { boundDepth, MAX_RECORD_DEPTH } from './boundDepth.js'
import { diffRecord } from './diffRecord.js'
import { freezeWithin } from './freezeWithin.js'
import type { ChangeOrigin, FieldChange, RecordChange } from './recordChange.js'
import type { RecordValue } from './snapshot.js'

/** The store's access to an unread record's private fields (set by the class's static block). */
let entryOf: (record: UnreadRecord) => RecordEntry
let settle: (record: UnreadRecord, value: RecordValue) => void

/**
 * A record a server response brought that nobody has read yet, and the change announcing it
 * (appearing from nothing): one object per record, as a page load stores tens of thousands.
 *
 * Its value is as `JSON.parse` made it, neither frozen nor checked for depth (owned by nobody
 * else: the response is dropped once stored), so it stays private. The store takes the record in
 * (depth-bounded, frozen, version-aware) the first time anyone reads it, or reads the change's
 * `after`; `after` is the value the record arrived with, whatever it became since.
 */
export class UnreadRecord implements RecordChange {
  readonly table: string
  readonly id: string
  readonly origin: Exclude<ChangeOrigin, 'local'>
  /** The record's version (-1 when unknown): what a version sync sends, read without taking the record in. */
  readonly version: number
  readonly #role: Role
  readonly #spaceId: string | undefined
  #value: RecordValue | undefined
  /** Whether #value is final: the store's frozen value, or frozen here. */
  #settled = false
  #changes: readonly FieldChange[] | undefined
  /** Has the store take the record in, if it still holds it unread (then `settle` is called). */
  readonly #take: (record: UnreadRecord) => void

  static {
    entryOf = (record) => {
      const entry: RecordEntry = { role: record.#role }
      if (record.#value !== undefined) entry.value = record.#value
      if (record.#spaceId !== undefined) entry.spaceId = record.#spaceId
      return entry
    }
    settle = (record, value) => {
      record.#value = value
      record.#settled = true
    }
  }

  constructor(table: string, id: string, entry: RecordEntry, origin: Exclude<ChangeOrigin, 'local'>, take: (record: UnreadRecord) => void) {
    this.table = table
    this.id = id
    this.origin = origin
    const version = entry.value?.['version']
    this.version = typeof version === 'number' ? version : -1
    this.#role = entry.role
    this.#spaceId = entry.spaceId
    this.#value = entry.value
    this.#take = take
  }

  get before(): undefined {
    return undefined
  }

  get after(): RecordValue | undefined {
    this.#take(this)
    const value = this.#value
    if (!this.#settled && value !== undefined) {
      // Not taken in by the store (evicted, or a newer version arrived first): frozen as it would have been.
      settle(this, freezeWithin(value, MAX_RECORD_DEPTH) ? value : frozenBounded(value))
    }
    return this.#value
  }

  get changes(): readonly FieldChange[] {
    return (this.#changes ??= diffRecord(this.table, undefined, this.after))
  }

  /** Plain fields for `JSON.stringify`, spreads and equality checks. */
  toJSON(): RecordChange {
    return { table: this.table, id: this.id, origin: this.origin, before: undefined, after: this.after, changes: this.changes }
  }
}

/** What the store takes in for an unread record: its role, value (not frozen yet) and space. */
export function unreadEntry(record: UnreadRecord): RecordEntry {
  return entryOf(record)
}

/** Records the value the store took in (frozen, bounded) as the record's final one: its change's `after`. */
export function settleUnread(record: UnreadRecord, value: RecordValue): void {
  settle(record, value)
}

function frozenBounded(value: RecordValue): RecordValue {
  const bounded = boundDepth(value).value
  freezeWithin(bounded, MAX_RECORD_DEPTH)
  return bounded
}
