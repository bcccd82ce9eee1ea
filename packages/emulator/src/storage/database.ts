import Database from 'better-sqlite3'

export type SqliteDatabase = Database.Database

/**
 * Schema of the emulator's SQLite file. Records are stored as JSON text keyed by (table, id) with
 * their version and space in columns, so lookups and version checks need no JSON parsing.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  tbl TEXT NOT NULL,
  id TEXT NOT NULL,
  space_id TEXT,
  parent_id TEXT,
  version INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (tbl, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_parent ON records (parent_id);
CREATE INDEX IF NOT EXISTS records_space ON records (space_id, tbl);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (token, user_id)
);
CREATE TABLE IF NOT EXISTS applied_requests (
  request_key TEXT PRIMARY KEY,
  applied_at INTEGER NOT NULL,
  response TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS applied_requests_time ON applied_requests (applied_at);
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER,
  user_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  record_table TEXT,
  record_id TEXT,
  space_id TEXT,
  max_bytes INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tasks (
  id TEXT PRIMARY KEY,
  event_name TEXT NOT NULL,
  request TEXT NOT NULL,
  user_id TEXT NOT NULL,
  state TEXT NOT NULL,
  status TEXT,
  error TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tasks_user ON tasks (user_id, state);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`

/** Opens (creating if needed) the emulator database: a file path in WAL mode, or ':memory:'. */
export function openDatabase(path: string): SqliteDatabase {
  const db = new Database(path)
  if (path !== ':memory:') db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.exec(SCHEMA)
  migrate(db)
  db.exec('CREATE INDEX IF NOT EXISTS files_user ON files (user_id)')
  return db
}

/** Columns added since the first release, added to files made before them (older rows get NULL). */
const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  { table: 'files', column: 'record_table', type: 'TEXT' },
  { table: 'files', column: 'record_id', type: 'TEXT' },
  { table: 'files', column: 'space_id', type: 'TEXT' },
  { table: 'files', column: 'max_bytes', type: 'INTEGER' },
]

function migrate(db: SqliteDatabase): void {
  for (const { table, column, type } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]
    if (!columns.some((existing) => existing.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`)
  }
}
