import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, openSync, closeSync, rmSync } from 'node:fs'
import { hostname } from 'node:os'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { deepFreeze, type Operation, type Role } from '@notion-rx/protocol'
import type { StoredRecord } from '../store/snapshot.js'
import type { TransactionBatch } from '../sync/transactionQueue.js'
import { CacheCorruptError, type CacheCorruptReason } from './cacheCorruptError.js'
import { resolveCacheOptions, type CacheOptions, type ResolvedCacheOptions } from './cacheOptions.js'
import { CacheUnavailableError } from './cacheUnavailableError.js'
import { KeyValueStore } from './keyValueStore.js'

type Database = BetterSqlite3.Database
type Statement<P extends unknown[]> = BetterSqlite3.Statement<P>

/** `PRAGMA application_id` of a notion-rx cache ("NRXC"): how a foreign SQLite file is told apart. */
const APPLICATION_ID = 0x4e525843
/**
 * `PRAGMA user_version`: the layout below. A file of a newer layout is refused, never rewritten.
 * 2: the key/value area is partitioned by account (layout 1 kept it shared; see migrate).
 * 3: query results (the `queries` table; created when a layout-2 file is opened).
 * 4: the `writers` table (processes that wrote and have not closed: see openDatabase).
 * 5: the `page_trees` table and its triggers (the record keys of a page's tree: see pageTree).
 */
const SCHEMA_VERSION = 5

/**
 * Whether a record's value is a page's (the tree walk does not descend into a sub-page). Values are
 * written by JSON.stringify (no spaces), so the text tells it, a third cheaper than json_extract.
 * The walk and the triggers that drop page_trees must agree on it: one expression for both.
 */
const IS_PAGE = (row: string) => `instr(coalesce(${row}.value, ''), '"type":"page"') <> 0`

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  user_id TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL,
  role TEXT NOT NULL, version INTEGER NOT NULL, value TEXT, space_id TEXT, parent_id TEXT,
  used_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, tbl, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_by_parent ON records (user_id, parent_id);
CREATE INDEX IF NOT EXISTS records_by_use ON records (used_at);
CREATE TABLE IF NOT EXISTS accounts (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, space_id TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, batch TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS queries (
  user_id TEXT NOT NULL, key TEXT NOT NULL, collection_id TEXT NOT NULL, result TEXT NOT NULL, used_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS queries_by_use ON queries (used_at);
CREATE TABLE IF NOT EXISTS kv (
  user_id TEXT NOT NULL, namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, namespace, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS writers (id TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL, opened_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page_trees (user_id TEXT NOT NULL, page_id TEXT NOT NULL, keys TEXT NOT NULL, PRIMARY KEY (user_id, page_id)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS page_trees_on_insert AFTER INSERT ON records BEGIN
  DELETE FROM page_trees WHERE user_id = new.user_id;
END;
CREATE TRIGGER IF NOT EXISTS page_trees_on_delete AFTER DELETE ON records BEGIN
  DELETE FROM page_trees WHERE user_id = old.user_id;
END;
CREATE TRIGGER IF NOT EXISTS page_trees_on_move AFTER UPDATE OF user_id, tbl, id, parent_id, value ON records
  WHEN old.user_id IS NOT new.user_id OR old.tbl IS NOT new.tbl OR old.id IS NOT new.id OR old.parent_id IS NOT new.parent_id
    OR (${IS_PAGE('old')}) <> (${IS_PAGE('new')})
BEGIN
  DELETE FROM page_trees WHERE user_id IN (old.user_id, new.user_id);
END;
`

/** One record as the cache holds it. */
export interface CachedRecord extends StoredRecord {
  table: string
  id: string
}

/** The account a token_v2 was last seen logged into, so a warm start needs no request to know it. */
export interface CachedAccount {
  userId: string
  spaceId: string | undefined
}

/** The walk of a page's tree (see RecordCache.#walk), selecting `columns` of each record `r`. */
function walkSql(columns: string): string {
  return `WITH RECURSIVE tree(tbl, id, descend) AS (
      SELECT 'block', @root, 1
      UNION
      SELECT r.tbl, r.id, CASE
          WHEN r.tbl = 'collection' THEN 1
          WHEN r.tbl = 'block' AND t.tbl = 'block' THEN NOT (${IS_PAGE('r')})
          ELSE 0 END
      FROM tree t CROSS JOIN records r INDEXED BY records_by_parent ON r.user_id = @user AND r.parent_id = t.id
      WHERE t.descend
    )
    SELECT ${columns} FROM tree t CROSS JOIN records r ON r.user_id = @user AND r.tbl = t.tbl AND r.id = t.id`
}

/** How many pages' trees saveTrees keeps up to date: the pages a process read last. */
const MAX_SAVED_TREES = 32

/**
 * A row as `.raw()` reads it (arrays are cheaper than objects by the thousand): tbl, id, role,
 * version, value, space_id. Not parent_id: no reader needs it, and a string less per row counts
 * by the thousand too.
 */
export type CachedRow = [table: string, id: string, role: string, version: number, value: string | null, spaceId: string | null]

const COLUMNS = 'tbl, id, role, version, value, space_id'

type DatabaseConstructor = new (path: string, options?: BetterSqlite3.Options) => Database

let driver: DatabaseConstructor | undefined

function loadDriver(): DatabaseConstructor {
  try {
    // Loaded only when a cache is asked for: better-sqlite3 is an optional (native) peer dependency.
    return (driver ??= createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor)
  } catch (error) {
    throw new CacheUnavailableError(error)
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

function reasonOf(error: unknown): CacheCorruptReason | undefined {
  const code = sqliteCode(error)
  if (code === 'SQLITE_NOTADB') return 'not_sqlite'
  if (code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_')) return 'corrupt'
  return undefined
}

/** A CacheCorruptError for an error SQLite raised on a damaged file (or one that is not SQLite), else undefined. */
export function corruptionOf(path: string, error: unknown): CacheCorruptError | undefined {
  if (CacheCorruptError.isCacheCorruptError(error)) return error
  const reason = reasonOf(error)
  return reason && new CacheCorruptError(path, reason, reason === 'not_sqlite' ? 'the file is not an SQLite database' : 'SQLite reports damage', error)
}

function parentOf(record: StoredRecord): string | null {
  const parent = record.value?.['parent_id']
  return typeof parent === 'string' ? parent : null
}

/**
 * The durable record cache: one SQLite file (WAL, so readers never wait for the writer and a
 * killed process leaves the last committed transaction), shared by any number of processes.
 * Records are partitioned by the notion_user they were read as, so an account never sees what
 * another one could read. Besides records it holds the accounts of known tokens (by SHA-256, never
 * the token), the queue of writes not yet confirmed by the server, and a key/value area.
 */
export class RecordCache {
  readonly path: string
  readonly options: ResolvedCacheOptions
  /**
   * Whether opening ran SQLite's full `quick_check` (it reads the whole file): only for a new or
   * migrated file, or when a process that wrote to it did not close it (see openDatabase).
   */
  readonly checkedAtOpen: boolean
  readonly #db: Database
  /** Statements, prepared at their first use (a warm start prepares the few it runs). */
  readonly #statements = new Map<string, Statement<unknown[]>>()
  /** Records in the file, counted at the first write (a count reads the whole table: not on the way of a warm start). */
  #approxCount: number | undefined
  #clock = 0
  #closed = false
  /** This process's row in `writers`, written before its first write and deleted by close. */
  #writer: string | undefined
  /** Page trees read by this process, most recent last: their `page_trees` row is rebuilt by saveTrees when missing. */
  readonly #trees = new Map<string, { userId: string; pageId: string }>()

  private constructor({ db, checked }: OpenedDatabase, options: ResolvedCacheOptions) {
    this.#db = db
    this.path = options.path
    this.options = options
    this.checkedAtOpen = checked
  }

  /** The statement for `sql`, prepared once (rows as arrays with `raw`). */
  #prepare<P extends unknown[]>(sql: string, raw = false): Statement<P> {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      statement = this.#db.prepare(sql)
      if (raw) statement.raw()
      this.#statements.set(sql, statement)
    }
    return statement as Statement<P>
  }

  get #get(): Statement<[string, string, string]> {
    return this.#prepare(`SELECT ${COLUMNS} FROM records WHERE user_id = ? AND tbl = ? AND id = ?`, true)
  }

  get #byParent(): Statement<[string, string]> {
    return this.#prepare(`SELECT ${COLUMNS} FROM records WHERE user_id = ? AND parent_id = ?`, true)
  }

  /**
   * Everything below a page by parent_id, in ONE statement: its blocks at every level, databases,
   * views and rows; not the content of sub-pages (nor of rows). UNION stops at a cycle in a damaged
   * file. A nested `"type":"page"` elsewhere in a value (see IS_PAGE) only stops the descent there,
   * and the page loader then fetches what is below from the server. CROSS JOIN fixes the join order
   * (tree first, then the index): without statistics SQLite's planner otherwise scans the whole
   * partition once per level (seconds for 10,000 rows).
   */
  get #walk(): Statement<[{ user: string; root: string }]> {
    return this.#prepare(walkSql(COLUMNS.split(', ').map((column) => `r.${column}`).join(', ')), true)
  }

  /** The walk's keys alone (tbl, id): what saveTrees keeps. */
  get #walkKeys(): Statement<[{ user: string; root: string }]> {
    return this.#prepare(walkSql('r.tbl, r.id'), true)
  }

  /**
   * A page's tree as `page_trees` keeps it (the keys the walk found, by table), read in ONE
   * statement (one read transaction: the keys and the records agree), as one row: the count, then
   * each column's values joined by NUL (see #savedRows). Count 0 when the page has no saved tree:
   * the triggers drop the account's saved trees at any change the walk would see.
   */
  get #savedTree(): Statement<[{ user: string; root: string }]> {
    return this.#prepare(
      `SELECT count(*), group_concat(r.tbl, char(0)), group_concat(r.id, char(0)), group_concat(r.role, char(0)),
         group_concat(r.version, char(0)), group_concat(coalesce(r.space_id, ''), char(0)), group_concat(coalesce(r.value, char(1)), char(0))
       FROM page_trees p CROSS JOIN json_each(p.keys) t CROSS JOIN json_each(t.value) k
         CROSS JOIN records r ON r.user_id = p.user_id AND r.tbl = t.key AND r.id = k.value
       WHERE p.user_id = @user AND p.page_id = @root`,
      true,
    )
  }

  /**
   * The saved tree's rows, cut out of one text per column: a thousand values cost V8 one large
   * string (outside the young generation, so a collection during a warm start copies none of it)
   * and a slice each, instead of a string each. A NUL inside a field (JSON text never holds one;
   * a damaged file might) makes a column's count disagree: then undefined, and the caller reads
   * rows one by one.
   */
  #savedRows(params: { user: string; root: string }): CachedRow[] | undefined {
    const [count, tables, ids, roles, versions, spaces, values] = this.#savedTree.get(params) as [number, string, string, string, string, string, string]
    if (count === 0) return []
    const columns = [tables, ids, roles, versions, spaces, values].map((text) => text.split('\0'))
    if (columns.some((column) => column.length !== count)) return undefined
    const [table, id, role, version, space, value] = columns as [string[], string[], string[], string[], string[], string[]]
    const rows: CachedRow[] = new Array<CachedRow>(count)
    for (let i = 0; i < count; i++) {
      const json = value[i]!
      const spaceId = space[i]!
      rows[i] = [table[i]!, id[i]!, role[i]!, Number(version[i]), json === '\u0001' ? null : json, spaceId === '' ? null : spaceId]
    }
    return rows
  }

  // A second process may have written a newer version meanwhile: never go back (stubs, -1, always win).
  get #upsert(): Statement<[string, string, string, string, number, string | null, string | null, string | null, number]> {
    return this.#prepare(
      `INSERT INTO records (user_id, tbl, id, role, version, value, space_id, parent_id, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id, tbl, id) DO UPDATE SET role = excluded.role, version = excluded.version, value = excluded.value,
         space_id = excluded.space_id, parent_id = excluded.parent_id, used_at = excluded.used_at
       WHERE excluded.version >= records.version OR excluded.version < 0`,
    )
  }

  readonly #writeMany = (userId: string, records: readonly CachedRecord[]): void => {
    const upsert = this.#upsert
    this.#beforeWrite()
    this.#db.transaction(() => {
      const now = this.#tick()
      for (const record of records) {
        upsert.run(
          userId, record.table, record.id, record.role, record.version,
          record.value === undefined ? null : JSON.stringify(record.value), record.spaceId ?? null, parentOf(record), now,
        )
      }
    })()
  }

  // One transaction for a whole list: a warm start touches thousands.
  readonly #touchMany = (userId: string, keys: readonly { table: string; id: string }[]): void => {
    const touch = this.#prepare<[number, string, string, string]>('UPDATE records SET used_at = ? WHERE user_id = ? AND tbl = ? AND id = ?')
    this.#beforeWrite()
    this.#db.transaction(() => {
      const now = this.#tick()
      for (const { table, id } of keys) touch.run(now, userId, table, id)
    })()
  }

  /**
   * Opens (or creates, mode 0600) the cache file.
   * @throws CacheCorruptError when the file is not a usable cache (unless `onCorrupt: 'rebuild'`)
   * @throws CacheUnavailableError when better-sqlite3 is not installed
   */
  static open(option: string | true | CacheOptions): RecordCache {
    const options = resolveCacheOptions(option)
    const Driver = loadDriver()
    try {
      return new RecordCache(openDatabase(Driver, options), options)
    } catch (error) {
      if (!CacheCorruptError.isCacheCorruptError(error) || options.onCorrupt !== 'rebuild') throw error
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(options.path + suffix, { force: true })
      return new RecordCache(openDatabase(Driver, options), options)
    }
  }

  /**
   * Registers this process as a writer before its first write (its own committed transaction): a
   * process killed meanwhile leaves the row, and the next open checks the whole file.
   */
  readonly #beforeWrite = (): void => {
    if (this.#writer !== undefined) return
    const id = randomUUID()
    this.#db.prepare('INSERT INTO writers (id, host, pid, opened_at) VALUES (?, ?, ?, ?)').run(id, hostname(), process.pid, Date.now())
    this.#writer = id
  }

  /** A monotonic clock for `used_at`: two writes in one millisecond still order. */
  #tick(): number {
    this.#clock = Math.max(this.#clock + 1, Date.now())
    return this.#clock
  }

  get(userId: string, table: string, id: string): CachedRecord | undefined {
    const row = this.#get.get(userId, table, id) as CachedRow | undefined
    return row && toRecord(row)
  }

  /** One record, unparsed. */
  row(userId: string, table: string, id: string): CachedRow | undefined {
    return this.#get.get(userId, table, id) as CachedRow | undefined
  }

  /** The records whose `parent_id` is `parentId` (a database's rows, a page's children). */
  childrenOf(userId: string, parentId: string): CachedRecord[] {
    return (this.#byParent.all(userId, parentId) as CachedRow[]).map(toRecord)
  }

  /** The rows whose `parent_id` is `parentId`, unparsed. */
  childrenRows(userId: string, parentId: string): CachedRow[] {
    return this.#byParent.all(userId, parentId) as CachedRow[]
  }

  /**
   * The records the file holds below a page by `parent_id` (its blocks at every level, databases,
   * views and rows; not the content of sub-pages), the page included, unparsed: from the page's
   * saved tree when `page_trees` has it (one indexed read), else by a recursive walk. Either way
   * the same rows. The page is remembered for `saveTrees`.
   */
  pageTree(userId: string, pageId: string): CachedRow[] {
    const key = JSON.stringify([userId, pageId])
    this.#trees.delete(key)
    this.#trees.set(key, { userId, pageId })
    if (this.#trees.size > MAX_SAVED_TREES) this.#trees.delete(this.#trees.keys().next().value!)
    const params = { user: userId, root: pageId }
    const saved = this.#savedRows(params)
    return saved !== undefined && saved.length > 0 ? saved : (this.#walk.all(params) as CachedRow[])
  }

  /**
   * Saves the tree of every page read by `pageTree` lately (the last 32) that has no
   * `page_trees` row (none yet, or dropped by a change), so the next start reads it in one go.
   * One walk per such page, in ONE transaction with its row, so no change slips between them.
   * Off the way of a read: the client calls it a while after a warm start and at close. An
   * optional speed-up, so it never waits for another process's write lock: busy, it is skipped
   * (false) and tried at the next call.
   */
  saveTrees(): boolean {
    if (this.#trees.size === 0) return true
    const has = this.#prepare<[string, string]>('SELECT 1 FROM page_trees WHERE user_id = ? AND page_id = ?').pluck()
    const missing = [...this.#trees.values()].filter(({ userId, pageId }) => has.get(userId, pageId) === undefined)
    if (missing.length === 0) return true
    const insert = this.#prepare<[string, string, string]>('INSERT OR REPLACE INTO page_trees (user_id, page_id, keys) VALUES (?, ?, ?)')
    const save = this.#db.transaction(() => {
      for (const { userId, pageId } of missing) {
        const rows = this.#walkKeys.all({ user: userId, root: pageId }) as [string, string][]
        // No page, no tree: a saved tree always holds its page, so no rows from #savedTree means "walk".
        if (!rows.some(([table, id]) => table === 'block' && id === pageId)) continue
        const byTable = new Map<string, Set<string>>()
        for (const [table, id] of rows) {
          const ids = byTable.get(table)
          if (ids) ids.add(id)
          else byTable.set(table, new Set([id]))
        }
        // In key order: the reads then go through the records' B-tree in order (a tenth cheaper).
        const keys = Object.fromEntries([...byTable].map(([table, ids]) => [table, [...ids].sort()]))
        insert.run(userId, pageId, JSON.stringify(keys))
      }
    })
    this.#db.pragma('busy_timeout = 0')
    try {
      this.#beforeWrite()
      save.immediate()
      return true
    } catch (error) {
      if (sqliteCode(error)?.startsWith('SQLITE_BUSY')) return false
      throw error
    } finally {
      this.#db.pragma(`busy_timeout = ${this.options.busyTimeoutMs}`)
    }
  }

  /**
   * Stores records in ONE transaction (older versions than the file holds are skipped), then
   * evicts the least recently used records past `maxRecords`, sparing `keep` (observed records).
   */
  write(userId: string, records: readonly CachedRecord[], keep: (table: string, id: string) => boolean = () => false): void {
    if (records.length === 0) return
    const before = this.#approxCount ?? this.count()
    this.#writeMany(userId, records)
    this.#approxCount = before + records.length
    if (this.#approxCount > this.options.maxRecords) this.evict(keep)
  }

  /** Marks records as just used (LRU), in one transaction. */
  touch(userId: string, keys: readonly { table: string; id: string }[]): void {
    if (keys.length > 0) this.#touchMany(userId, keys)
  }

  /** Brings the file down to 90% of `maxRecords`, least recently used first, never a kept record. */
  evict(keep: (table: string, id: string) => boolean = () => false): number {
    const db = this.#db
    let removed = 0
    this.#beforeWrite()
    db.transaction(() => {
      const count = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n
      const target = Math.floor(this.options.maxRecords * 0.9)
      let excess = count - target
      if (count <= this.options.maxRecords || excess <= 0) {
        this.#approxCount = count
        return
      }
      const remove = db.prepare('DELETE FROM records WHERE user_id = ? AND tbl = ? AND id = ?')
      const oldest = db.prepare('SELECT user_id, tbl, id FROM records ORDER BY used_at LIMIT ? OFFSET ?')
      // Pages of candidates, oldest first (a statement cannot be iterated while deleting); kept ones are skipped.
      let skipped = 0
      while (excess > 0) {
        const rows = oldest.all(excess + 100, skipped) as { user_id: string; tbl: string; id: string }[]
        if (rows.length === 0) break
        for (const row of rows) {
          if (excess <= 0) break
          if (keep(row.tbl, row.id)) {
            skipped++
            continue
          }
          remove.run(row.user_id, row.tbl, row.id)
          excess--
          removed++
        }
      }
      this.#approxCount = count - removed
    })()
    return removed
  }

  /** How many records the file holds, all accounts together. */
  count(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n
  }

  /** A query result kept for `key` in the account's partition (JSON, see ClientCache), marked as just used. */
  queryResult(userId: string, key: string): string | undefined {
    const row = this.#db.prepare('SELECT result FROM queries WHERE user_id = ? AND key = ?').pluck().get(userId, key) as string | undefined
    if (row !== undefined) this.#beforeWrite()
    if (row !== undefined) this.#db.prepare('UPDATE queries SET used_at = ? WHERE user_id = ? AND key = ?').run(this.#tick(), userId, key)
    return row
  }

  /**
   * Keeps a query result (JSON); past `maxQueries` entries, all accounts together, the least
   * recently used go first (down to 90%). One transaction.
   */
  rememberQueryResult(userId: string, key: string, collectionId: string, result: string): void {
    const db = this.#db
    this.#beforeWrite()
    db.transaction(() => {
      db.prepare(
        `INSERT INTO queries (user_id, key, collection_id, result, used_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, key) DO UPDATE SET collection_id = excluded.collection_id, result = excluded.result, used_at = excluded.used_at`,
      ).run(userId, key, collectionId, result, this.#tick())
      const count = db.prepare('SELECT count(*) FROM queries').pluck().get() as number
      if (count > this.options.maxQueries) {
        const excess = count - Math.floor(this.options.maxQueries * 0.9)
        db.prepare('DELETE FROM queries WHERE (user_id, key) IN (SELECT user_id, key FROM queries ORDER BY used_at LIMIT ?)').run(excess)
      }
    })()
  }

  /** How many query results the file holds, all accounts together. */
  queryCount(): number {
    return this.#db.prepare('SELECT count(*) FROM queries').pluck().get() as number
  }

  accountFor(tokenHash: string): CachedAccount | undefined {
    const row = this.#prepare<[string]>('SELECT user_id, space_id FROM accounts WHERE token_hash = ?').get(tokenHash) as { user_id: string; space_id: string | null } | undefined
    return row && { userId: row.user_id, spaceId: row.space_id ?? undefined }
  }

  rememberAccount(tokenHash: string, account: CachedAccount): void {
    this.#beforeWrite()
    this.#db
      .prepare('INSERT INTO accounts (token_hash, user_id, space_id) VALUES (?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, space_id = excluded.space_id')
      .run(tokenHash, account.userId, account.spaceId ?? null)
  }

  /** Keeps a write batch until `settleWrite` (committed or rejected). Its request id makes a replay harmless. */
  queueWrite(userId: string, batch: TransactionBatch): void {
    this.#beforeWrite()
    this.#db.prepare('INSERT OR IGNORE INTO outbox (request_id, user_id, batch) VALUES (?, ?, ?)').run(batch.requestId, userId, JSON.stringify(batch))
  }

  settleWrite(requestId: string): void {
    this.#beforeWrite()
    this.#db.prepare('DELETE FROM outbox WHERE request_id = ?').run(requestId)
  }

  /** The account's writes not yet confirmed, oldest first. */
  queuedWrites(userId: string): TransactionBatch[] {
    const rows = this.#prepare<[string]>('SELECT batch FROM outbox WHERE user_id = ? ORDER BY seq').all(userId) as { batch: string }[]
    return rows.map((row) => {
      const batch = JSON.parse(row.batch) as TransactionBatch & { spaceId: string | null }
      return { requestId: batch.requestId, transactionId: batch.transactionId, spaceId: batch.spaceId ?? undefined, operations: batch.operations as Operation[] }
    })
  }

  /**
   * A namespace of the key/value area in one account's partition (see KeyValueStore): `account` is
   * the notion_user id, or a function read at every call. A client's is `client.keyValues(namespace)`.
   */
  kv<T = unknown>(account: string | (() => string), namespace: string): KeyValueStore<T> {
    return new KeyValueStore<T>(this.#db, account, namespace, this.#beforeWrite)
  }

  /**
   * Deletes every cached record and remembered account, and the key/value area with `keyValues`
   * (secure_delete, then a WAL checkpoint, so the content does not linger in free pages). Queued
   * writes stay: they are the user's unsent work.
   */
  clear(options: { keyValues?: boolean } = {}): void {
    const db = this.#db
    this.#beforeWrite()
    db.pragma('secure_delete = ON')
    try {
      db.transaction(() => {
        // Saved trees first: the records' triggers then find none to drop, row after row.
        db.prepare('DELETE FROM page_trees').run()
        db.prepare('DELETE FROM records').run()
        db.prepare('DELETE FROM queries').run()
        db.prepare('DELETE FROM accounts').run()
        if (options.keyValues) db.prepare('DELETE FROM kv').run()
      })()
    } finally {
      db.pragma('secure_delete = OFF')
    }
    db.pragma('wal_checkpoint(TRUNCATE)')
    this.#approxCount = 0
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    try {
      // A clean close: the next process need not check the whole file (see openDatabase).
      if (this.#writer !== undefined) this.#db.prepare('DELETE FROM writers WHERE id = ?').run(this.#writer)
    } catch {
      // The row stays: the next open checks the file, which is what a failed close calls for.
    }
    this.#db.close()
  }

  get closed(): boolean {
    return this.#closed
  }
}

/** A row as a record; its value parsed and deep-frozen (the store then finds it frozen: no second walk). */
export function toRecord(row: CachedRow): CachedRecord {
  const [table, id, role, version, value, spaceId] = row
  const record: { -readonly [K in keyof CachedRecord]: CachedRecord[K] } = { table, id, role: role as Role, version }
  if (value !== null) record.value = deepFreeze(JSON.parse(value) as Record<string, unknown>)
  if (spaceId !== null) record.spaceId = spaceId
  return record
}

interface OpenedDatabase {
  db: Database
  /** Whether the whole file was checked (quick_check). */
  checked: boolean
}

/**
 * Creates the file 0600 when missing, opens it, and makes sure it is a notion-rx cache.
 * SQLite's `quick_check` reads the whole file (20 ms for 8 MB), so it runs only when damage is
 * plausible: a new or older-layout file, or a `writers` row left by a process that wrote and did
 * not close (killed, crashed, or still running). A file of the current layout closed cleanly by
 * every writer opens with the header read alone; damage met later on a read is still reported by
 * SQLite (SQLITE_CORRUPT), which the client turns into a CacheCorruptError (see ClientCache).
 */
function openDatabase(Driver: DatabaseConstructor, options: ResolvedCacheOptions): OpenedDatabase {
  const { path } = options
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  if (!existsSync(path)) {
    try {
      closeSync(openSync(path, 'wx', 0o600))
    } catch (error) {
      // Another process created it first: fine.
      if (sqliteCode(error) !== 'EEXIST') throw error
    }
  }
  let db: Database | undefined
  try {
    db = new Driver(path, { timeout: options.busyTimeoutMs })
    const current = checkFormat(db, path)
    db.pragma('journal_mode = WAL')
    // WAL + NORMAL: a killed process loses nothing committed (only a power cut may lose the last commits).
    db.pragma('synchronous = NORMAL')
    if (current) {
      // The layout is this one: no schema to write, so no write transaction on the way of a warm start.
      const writers = db.prepare('SELECT id, host, pid FROM writers').all() as { id: string; host: string; pid: number }[]
      if (writers.length === 0) return { db, checked: false }
      quickCheck(db, path)
      forgetDeadWriters(db, writers)
      return { db, checked: true }
    }
    quickCheck(db, path)
    db.transaction(() => {
      // Re-read inside the write lock: another process may have just created the schema.
      const fresh = (db!.pragma('application_id', { simple: true }) as number) === 0
      migrate(db!, db!.pragma('user_version', { simple: true }) as number)
      db!.exec(SCHEMA)
      if (fresh) db!.pragma(`application_id = ${APPLICATION_ID}`)
      db!.pragma(`user_version = ${SCHEMA_VERSION}`)
    }).immediate()
    return { db, checked: true }
  } catch (error) {
    db?.close()
    throw corruptionOf(path, error) ?? error
  }
}

/**
 * After a full check: drops the rows of writers of this host whose process is gone (they were
 * killed; the file is fine), so the next open skips the check again. Rows of live processes,
 * or of other hosts sharing the file, stay.
 */
function forgetDeadWriters(db: Database, writers: readonly { id: string; host: string; pid: number }[]): void {
  const host = hostname()
  const dead = writers.filter((writer) => writer.host === host && !processAlive(writer.pid))
  if (dead.length === 0) return
  const remove = db.prepare('DELETE FROM writers WHERE id = ?')
  db.transaction(() => {
    for (const writer of dead) remove.run(writer.id)
  }).immediate()
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

function quickCheck(db: Database, path: string): void {
  const check = db.pragma('quick_check(1)', { simple: true })
  if (check !== 'ok') throw new CacheCorruptError(path, 'corrupt', `SQLite's quick_check says: ${String(check)}`)
}

/**
 * Brings an older layout up to this one, inside the opening transaction. 1 → 2: layout 1's
 * key/value rows belonged to no account, so no account may read them; they are dropped (only
 * the development versions of notion-rx wrote layout 1).
 */
function migrate(db: Database, version: number): void {
  if (version === 1) db.exec('DROP TABLE IF EXISTS kv')
}

/** Refuses a file that is not a notion-rx cache this version reads; true when its layout is this version's. */
function checkFormat(db: Database, path: string): boolean {
  const applicationId = db.pragma('application_id', { simple: true }) as number
  if (applicationId === APPLICATION_ID) {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) throw new CacheCorruptError(path, 'newer_format', `layout ${version}, this notion-rx reads up to ${SCHEMA_VERSION}`)
    return version === SCHEMA_VERSION
  } else {
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n
    if (applicationId !== 0 || tables > 0) throw new CacheCorruptError(path, 'foreign', 'an SQLite database of another program')
  }
  return false
}
