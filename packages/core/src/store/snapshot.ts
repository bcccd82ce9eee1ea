import type { RecordTable, Role } from '@notion-rx/protocol'

export type RecordValue = Record<string, unknown>

/** One record as the store holds it: the user's role, the value (absent for role none) and its version. */
export interface StoredRecord {
  readonly role: Role
  readonly value?: RecordValue
  /** The server version this state is based on (optimistic edits do not change it). -1 when unknown. */
  readonly version: number
  readonly spaceId?: string
  /**
   * Set when the server's value nested deeper than MAX_RECORD_DEPTH (a hostile or broken record):
   * branches below the limit were cut to null so the page still loads, and this is the first path
   * cut. The record is also reported on `RecordStore.issues$`.
   */
  readonly truncatedAt?: readonly (string | number)[]
}

/** A record the store took in only in part, and why. */
export interface RecordIssue {
  table: string
  id: string
  kind: 'too_deep'
  /** The first branch cut. */
  path: readonly (string | number)[]
  message: string
}

/** `{ [table]: { [id]: StoredRecord } }`, frozen by Immer, shared structurally between snapshots. */
export type Snapshot = Readonly<Partial<Record<RecordTable, Readonly<Record<string, StoredRecord>>>>>

/** Identifies a record in maps and indexes: `table:id`. */
export type RecordKey = `${string}:${string}`

export function recordKey(table: string, id: string): RecordKey {
  return `${table}:${id}`
}

export function splitRecordKey(key: RecordKey): { table: string; id: string } {
  const at = key.indexOf(':')
  return { table: key.slice(0, at), id: key.slice(at + 1) }
}
