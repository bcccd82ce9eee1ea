import { chmodSync, existsSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { CheckpointEntry, CheckpointState, CheckpointStore } from './checkpointStore.js'
import { PipeError } from './pipeError.js'

export interface SqliteCheckpointOptions {
  /** The checkpoint file (created with mode 0600 if missing). */
  path: string
  /** Several pipes may share a file: each keeps its own rows under this name. @default 'default' */
  pipe?: string
}

/** The layout of the pipe's tables; a file written by a newer layout is refused, not guessed at. */
const SCHEMA_VERSION = '1'

/**
 * Checkpoints in a SQLite file (WAL, synchronous=FULL, so a confirmed save survives `kill -9` and
 * power loss). The tables are prefixed `pipe_`, so the file can be shared with other notion-rx
 * stores. A file that is not SQLite, or whose rows do not parse, is a `checkpoint_unreadable`
 * error: the pipe never silently starts over from zero.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  readonly #db: Database.Database
  readonly #pipe: string
  readonly #path: string
  readonly #upsert: Database.Statement<[string, string, string, number, string | null]>
  readonly #saveAll: (entries: readonly CheckpointEntry[]) => void
  readonly #beginAll: (entries: readonly CheckpointEntry[]) => void

  constructor(options: SqliteCheckpointOptions) {
    this.#path = options.path
    this.#pipe = options.pipe ?? 'default'
    // Checkpoints hold record contents: readable by the owner only.
    if (!existsSync(this.#path)) writeFileSync(this.#path, '', { mode: 0o600, flag: 'wx' })
    try {
      chmodSync(this.#path, 0o600)
      this.#db = new Database(this.#path)
      this.#db.pragma('journal_mode = WAL')
      this.#db.pragma('synchronous = FULL')
      this.#db.pragma('busy_timeout = 5000')
      this.#db.exec(`
        CREATE TABLE IF NOT EXISTS pipe_meta (
          pipe TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (pipe, key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pipe_checkpoint (
          pipe TEXT NOT NULL, record_table TEXT NOT NULL, record_id TEXT NOT NULL,
          version INTEGER NOT NULL, value TEXT,
          PRIMARY KEY (pipe, record_table, record_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pipe_in_flight (
          pipe TEXT NOT NULL, record_table TEXT NOT NULL, record_id TEXT NOT NULL,
          version INTEGER NOT NULL, value TEXT, snapshot INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (pipe, record_table, record_id)
        ) WITHOUT ROWID;
      `)
      const check = this.#db.pragma('quick_check', { simple: true })
      if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`)
      const layout = this.#meta('schema')
      if (layout !== undefined && layout !== SCHEMA_VERSION) throw new Error(`written by checkpoint layout ${layout}, this version reads ${SCHEMA_VERSION}`)
    } catch (error) {
      throw unreadable(this.#path, error)
    }
    this.#upsert = this.#db.prepare(
      `INSERT INTO pipe_checkpoint (pipe, record_table, record_id, version, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (pipe, record_table, record_id) DO UPDATE SET version = excluded.version, value = excluded.value`,
    )
    const setMeta = this.#db.prepare('INSERT OR REPLACE INTO pipe_meta (pipe, key, value) VALUES (?, ?, ?)')
    const clearInFlight = this.#db.prepare('DELETE FROM pipe_in_flight WHERE pipe = ?')
    const addInFlight = this.#db.prepare('INSERT OR REPLACE INTO pipe_in_flight (pipe, record_table, record_id, version, value, snapshot) VALUES (?, ?, ?, ?, ?, ?)')
    this.#beginAll = this.#db.transaction((entries: readonly CheckpointEntry[]) => {
      clearInFlight.run(this.#pipe)
      for (const entry of entries) {
        addInFlight.run(this.#pipe, entry.table, entry.id, entry.version, entry.value === undefined ? null : JSON.stringify(entry.value), entry.snapshot ? 1 : 0)
      }
    })
    this.#saveAll = this.#db.transaction((entries: readonly CheckpointEntry[]) => {
      clearInFlight.run(this.#pipe)
      setMeta.run(this.#pipe, 'schema', SCHEMA_VERSION)
      setMeta.run(this.#pipe, 'initialized', new Date().toISOString())
      for (const entry of entries) {
        this.#upsert.run(this.#pipe, entry.table, entry.id, entry.version, entry.value === undefined ? null : JSON.stringify(entry.value))
      }
    })
  }

  #meta(key: string): string | undefined {
    const row = this.#db.prepare('SELECT value FROM pipe_meta WHERE pipe = ? AND key = ?').get(this.#pipe, key) as { value: string } | undefined
    return row?.value
  }

  async load(): Promise<CheckpointState> {
    try {
      const initialized = this.#meta('initialized') !== undefined
      const entries = this.#rows('pipe_checkpoint')
      if (!initialized && entries.length > 0) throw new Error('records without the pipe_meta row that says the checkpoint was written')
      return { initialized, entries, inFlight: this.#rows('pipe_in_flight') }
    } catch (error) {
      throw unreadable(this.#path, error)
    }
  }

  #rows(table: 'pipe_checkpoint' | 'pipe_in_flight'): CheckpointEntry[] {
    const snapshot = table === 'pipe_in_flight' ? ', snapshot' : ''
    const rows = this.#db
      .prepare(`SELECT record_table AS "table", record_id AS id, version, value${snapshot} FROM ${table} WHERE pipe = ?`)
      .all(this.#pipe) as { table: string; id: string; version: number; value: string | null; snapshot?: number }[]
    return rows.map((row) => {
      const value: unknown = row.value === null ? undefined : JSON.parse(row.value)
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw new Error(`the value of ${row.table}/${row.id} is not a record`)
      }
      if (!Number.isInteger(row.version)) throw new Error(`the version of ${row.table}/${row.id} is not an integer`)
      return { table: row.table, id: row.id, version: row.version, value: value as CheckpointEntry['value'], ...(row.snapshot ? { snapshot: true } : {}) }
    })
  }

  async begin(entries: readonly CheckpointEntry[]): Promise<void> {
    this.#beginAll(entries)
  }

  async save(entries: readonly CheckpointEntry[]): Promise<void> {
    this.#saveAll(entries)
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}

function unreadable(path: string, error: unknown): PipeError {
  const reason = error instanceof Error ? error.message : String(error)
  return new PipeError(
    'checkpoint_unreadable',
    `checkpoint file ${path} cannot be read (${reason}); restore it from a backup, or move it away and start again with --snapshot (the pipe never restarts from zero on its own)`,
    { cause: error },
  )
}
