import type { SqliteDatabase } from '../storage/database.js'

/**
 * How long an applied request id is remembered: a retry within this window is recognised and not
 * applied again; after it, the key is forgotten (the table would otherwise grow forever). A day is
 * far beyond any client's retry horizon: notion-rx gives up after 4 attempts of at most 30 s each
 * plus at most 60 s of Retry-After (a few minutes), and Notion's web app retries for seconds.
 */
export const APPLIED_REQUEST_TTL_MS = 24 * 60 * 60 * 1000
/** Expired keys are swept at most this often, inside a write's own transaction. */
const SWEEP_EVERY_MS = 60 * 1000

/**
 * The idempotency keys of applied writes (the `applied_requests` table): a request or
 * transaction whose key is here has been applied and must not be applied again. Call it inside
 * the write's own SQLite transaction, so a key is stored exactly when its changes are.
 */
export class AppliedRequests {
  readonly #has
  readonly #add
  readonly #sweep
  #lastSweep = Number.NEGATIVE_INFINITY

  constructor(db: SqliteDatabase) {
    this.#has = db.prepare<[string, number], { request_key: string }>(
      'SELECT request_key FROM applied_requests WHERE request_key = ? AND applied_at >= ?',
    )
    // REPLACE: a key that expired (but was not swept yet) is stored afresh.
    this.#add = db.prepare('INSERT OR REPLACE INTO applied_requests (request_key, applied_at, response) VALUES (?, ?, ?)')
    this.#sweep = db.prepare('DELETE FROM applied_requests WHERE applied_at < ?')
  }

  /** Whether the key was applied within the window before `now`. */
  has(key: string, now: number, ttlMs: number = APPLIED_REQUEST_TTL_MS): boolean {
    return this.#has.get(key, now - ttlMs) !== undefined
  }

  add(key: string, appliedAt: number, response: unknown = {}): void {
    this.#add.run(key, appliedAt, JSON.stringify(response))
  }

  /** Forgets keys older than the window; cheap to call on every write (it runs once a minute). */
  expire(now: number, ttlMs: number = APPLIED_REQUEST_TTL_MS): void {
    if (now - this.#lastSweep < SWEEP_EVERY_MS && now >= this.#lastSweep) return
    this.#lastSweep = now
    this.#sweep.run(now - ttlMs)
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
