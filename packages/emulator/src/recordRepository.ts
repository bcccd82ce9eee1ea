import type { SqliteDatabase } from './database.js'

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
  return {
    table: row.tbl,
    id: row.id,
    spaceId: row.space_id ?? undefined,
    version: row.version,
    value: JSON.parse(row.value) as RecordValue,
  }
}

function parentIdOf(value: RecordValue): string | null {
  return typeof value['parent_id'] === 'string' ? value['parent_id'] : null
}

function spaceIdOf(table: string, value: RecordValue): string | null {
  if (table === 'space' && typeof value['id'] === 'string') return value['id']
  return typeof value['space_id'] === 'string' ? value['space_id'] : null
}

/**
 * Every record of every table, stored as JSON in SQLite. The record's `version` lives in its value
 * (as on the wire) and is mirrored in a column. Callers own versioning: `put` stores what it is given.
 */
export class RecordRepository {
  readonly #get
  readonly #put
  readonly #delete
  readonly #children
  readonly #byTable
  readonly #bySpace

  readonly db: SqliteDatabase

  constructor(db: SqliteDatabase) {
    this.db = db
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
  }

  get(table: string, id: string): StoredRecord | undefined {
    const row = this.#get.get(table, id)
    return row ? toStored(row) : undefined
  }

  /** Stores the value as given; its `version` field (default 1) becomes the record's version. */
  put(table: string, id: string, value: RecordValue): StoredRecord {
    const version = typeof value['version'] === 'number' ? value['version'] : 1
    const spaceId = spaceIdOf(table, value)
    this.#put.run(table, id, spaceId, parentIdOf(value), version, JSON.stringify(value))
    return { table, id, spaceId: spaceId ?? undefined, version, value }
  }

  delete(table: string, id: string): void {
    this.#delete.run(table, id)
  }

  /** Records of `table` whose `parent_id` is `parentId` (e.g. rows of a collection), unordered. */
  childrenOf(parentId: string, table = 'block'): StoredRecord[] {
    return this.#children.all(parentId, table).map(toStored)
  }

  all(table: string): StoredRecord[] {
    return this.#byTable.all(table).map(toStored)
  }

  inSpace(spaceId: string, table: string): StoredRecord[] {
    return this.#bySpace.all(spaceId, table).map(toStored)
  }

  /** Runs `work` in one SQLite transaction: all of it is stored, or (on a throw) none of it. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)()
  }
}
