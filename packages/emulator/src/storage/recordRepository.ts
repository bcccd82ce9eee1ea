import { deepFreeze, isKnownTable } from '@notion-rx/protocol'
import type { SqliteDatabase } from './database.js'
import { recordJson, rememberJson } from './recordJson.js'

export type RecordValue = Record<string, unknown>

export interface StoredRecord {
  table: string
  id: string
  spaceId: string | undefined
  version: number
  value: RecordValue
}

interface RecordRow {
  tbl: string
  id: string
  space_id: string | null
  version: number
  value: string
}

function toStored(row: RecordRow): StoredRecord {
  const value = deepFreeze(JSON.parse(row.value) as RecordValue)
  rememberJson(value, row.value)
  return { table: row.tbl, id: row.id, spaceId: row.space_id ?? undefined, version: row.version, value }
}

function parentIdOf(value: RecordValue): string | null {
  return typeof value['parent_id'] === 'string' ? value['parent_id'] : null
}

function spaceIdOf(table: string, value: RecordValue): string | null {
  if (table === 'space' && typeof value['id'] === 'string') return value['id']
  return typeof value['space_id'] === 'string' ? value['space_id'] : null
}

/** Parsed records kept in memory by default; beyond this many, the oldest are dropped (SQLite stays the truth). */
export const DEFAULT_RECORD_CACHE_SIZE = 50_000

/** Iterative: imported records can nest deeper than the stack is tall. */

/**
 * Every record of every table, stored as JSON in SQLite. The record's `version` lives in its value
 * (as on the wire) and is mirrored in a column. Callers own versioning: `put` stores what it is given.
 *
 * Parsed records are cached (values are deep-frozen: nobody may mutate them), and inside
 * `transaction()` writes are held in memory and written once per record when the work ends, so a
 * request that touches a page fifty times stringifies it once. Queries that go to SQL (children,
 * whole tables, spaces) write the held changes first, so they always see them.
 */
export class RecordRepository {
  readonly db: SqliteDatabase
  readonly #get
  readonly #put
  readonly #delete
  readonly #children
  readonly #byTable
  readonly #bySpace
  readonly #containing
  /** key → record, or null for "known not to exist". */
  readonly #cache = new Map<string, StoredRecord | null>()
  /** Writes held back during a transaction: key → record to write, or null to delete. */
  #held: Map<string, StoredRecord | null> | undefined
  #depth = 0
  #generation = 0
  readonly #cacheSize: number

  constructor(db: SqliteDatabase, options: { cacheSize?: number } = {}) {
    this.db = db
    this.#cacheSize = options.cacheSize ?? DEFAULT_RECORD_CACHE_SIZE
    this.#get = db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE tbl = ? AND id = ?')
    this.#put = db.prepare(
      'INSERT INTO records (tbl, id, space_id, parent_id, version, value) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (tbl, id) DO UPDATE SET space_id = excluded.space_id, parent_id = excluded.parent_id, ' +
        'version = excluded.version, value = excluded.value',
    )
    this.#delete = db.prepare('DELETE FROM records WHERE tbl = ? AND id = ?')
    this.#children = db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE parent_id = ? AND tbl = ?')
    this.#byTable = db.prepare<[string], RecordRow>('SELECT * FROM records WHERE tbl = ?')
    this.#bySpace = db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE space_id = ? AND tbl = ?')
    // instr, not LIKE: the text comes from a request, and no character of it may act as a wildcard.
    this.#containing = db.prepare<[string, string, number], RecordRow>('SELECT * FROM records WHERE tbl = ? AND instr(value, ?) > 0 LIMIT ?')
  }

  /**
   * Counts changes: every put and delete (and a rolled-back transaction) moves it on, so an answer
   * computed at one generation is still the answer while the generation has not moved.
   */
  get generation(): number {
    return this.#generation
  }

  /** Inside transaction(): writes are under way, and the generation moves with each of them. */
  get inTransaction(): boolean {
    return this.#depth > 0
  }

  /** Undefined for a table the emulator does not model: tables are a closed set (see RECORD_TABLES). */
  get(table: string, id: string): StoredRecord | undefined {
    if (!isKnownTable(table)) return undefined
    const key = cacheKey(table, id)
    const cached = this.#cache.get(key)
    if (cached !== undefined) return cached ?? undefined
    const row = this.#get.get(table, id)
    const record = row ? this.#fromRow(row) : undefined
    this.#remember(key, record ?? null)
    return record
  }

  /**
   * Stores the value as given; its `version` field (default 1) becomes the record's version. The
   * record's space is `options.spaceId` (null: in no space), else the one its value names, else the
   * one it had.
   */
  put(table: string, id: string, value: RecordValue, options: { spaceId?: string | null } = {}): StoredRecord {
    // Callers turn request-named tables away first (a 400); this is the backstop.
    if (!isKnownTable(table)) throw new TypeError(`RecordRepository.put: ${JSON.stringify(table).slice(0, 80)} is not a record table.`)
    const version = typeof value['version'] === 'number' ? value['version'] : 1
    const spaceId = options.spaceId !== undefined ? options.spaceId : (spaceIdOf(table, value) ?? this.get(table, id)?.spaceId ?? null)
    const record: StoredRecord = { table, id, spaceId: spaceId ?? undefined, version, value: deepFreeze(value) }
    const key = cacheKey(table, id)
    this.#generation++
    this.#remember(key, record)
    if (this.#held) this.#held.set(key, record)
    else this.#write(record)
    return record
  }

  delete(table: string, id: string): void {
    const key = cacheKey(table, id)
    this.#generation++
    this.#remember(key, null)
    if (this.#held) this.#held.set(key, null)
    else this.#delete.run(table, id)
  }

  /** Records of `table` whose `parent_id` is `parentId` (e.g. rows of a collection), unordered. */
  childrenOf(parentId: string, table = 'block'): StoredRecord[] {
    this.#writeHeld()
    return this.#children.all(parentId, table).map((row) => this.#fromRow(row))
  }

  all(table: string): StoredRecord[] {
    this.#writeHeld()
    return this.#byTable.all(table).map((row) => this.#fromRow(row))
  }

  inSpace(spaceId: string, table: string): StoredRecord[] {
    this.#writeHeld()
    return this.#bySpace.all(spaceId, table).map((row) => this.#fromRow(row))
  }

  /** At most `limit` records of `table` whose stored JSON contains `text` (e.g. an id they name). */
  containing(table: string, text: string, limit: number): StoredRecord[] {
    if (text === '') return []
    this.#writeHeld()
    return this.#containing.all(table, text, limit).map((row) => this.#fromRow(row))
  }

  /** Runs `work` in one SQLite transaction: all of it is stored, or (on a throw) none of it. */
  transaction<T>(work: () => T): T {
    if (this.#depth > 0) return work()
    this.#depth++
    this.#held = new Map()
    try {
      return this.db.transaction(() => {
        const result = work()
        this.#writeHeld()
        return result
      })()
    } catch (error) {
      // The cache holds values SQLite just rolled back: forget them all.
      this.#cache.clear()
      this.#generation++
      throw error
    } finally {
      this.#held = undefined
      this.#depth--
    }
  }

  #write(record: StoredRecord): void {
    const { table, id, spaceId, version, value } = record
    this.#put.run(table, id, spaceId ?? null, parentIdOf(value), version, recordJson(value))
  }

  #writeHeld(): void {
    if (!this.#held || this.#held.size === 0) return
    for (const [key, record] of this.#held) {
      if (record) this.#write(record)
      else {
        const at = key.indexOf('\u0000')
        this.#delete.run(key.slice(0, at), key.slice(at + 1))
      }
    }
    this.#held.clear()
  }

  /** Reuses the parsed record when the cache has this version, so queries parse each record once. */
  #fromRow(row: RecordRow): StoredRecord {
    const key = cacheKey(row.tbl, row.id)
    const cached = this.#cache.get(key)
    if (cached && cached.version === row.version) return cached
    const record = toStored(row)
    this.#remember(key, record)
    return record
  }

  #remember(key: string, record: StoredRecord | null): void {
    this.#cache.delete(key)
    this.#cache.set(key, record)
    if (this.#cache.size > this.#cacheSize) {
      // Map iteration is insertion order: drop the least recently stored tenth.
      let drop = Math.ceil(this.#cacheSize / 10)
      for (const oldest of this.#cache.keys()) {
        if (drop-- <= 0) break
        this.#cache.delete(oldest)
      }
    }
  }
}

function cacheKey(table: string, id: string): string {
  return `${table}\u0000${id}`
}
