import type { SqliteDatabase } from '../storage/database.js'

/**
 * The idempotency keys of applied writes (the `applied_requests` table): a request or
 * transaction whose key is here has been applied and must not be applied again. Call it inside
 * the write's own SQLite transaction, so a key is stored exactly when its changes are.
 */
export class AppliedRequests {
  readonly #has
  readonly #add

  constructor(db: SqliteDatabase) {
    this.#has = db.prepare<[string], { request_key: string }>('SELECT request_key FROM applied_requests WHERE request_key = ?')
    this.#add = db.prepare('INSERT OR IGNORE INTO applied_requests (request_key, applied_at, response) VALUES (?, ?, ?)')
  }

  has(key: string): boolean {
    return this.#has.get(key) !== undefined
  }

  add(key: string, appliedAt: number, response: unknown = {}): void {
    this.#add.run(key, appliedAt, JSON.stringify(response))
  }
}

const byDatabase = new WeakMap<SqliteDatabase, AppliedRequests>()

/** One instance per database, so its statements are prepared once. */
export function appliedRequestsOf(db: SqliteDatabase): AppliedRequests {
  let applied = byDatabase.get(db)
  if (!applied) {
    applied = new AppliedRequests(db)
    byDatabase.set(db, applied)
  }
  return applied
}
