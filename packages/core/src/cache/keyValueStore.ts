import type BetterSqlite3 from 'better-sqlite3'

type Database = BetterSqlite3.Database
type Statement<P extends unknown[]> = BetterSqlite3.Statement<P>

/**
 * A namespace of the cache file's key/value area, in one account's partition: JSON values by
 * string key, each write its own committed transaction (so a checkpoint written is a checkpoint
 * kept, also across kill -9). A key written for one account is never read by another, as with
 * records. Other packages keep their state here (the pipe its checkpoints), next to the records
 * they mirror.
 *
 * @example
 * const checkpoints = await client.keyValues<{ version: number }>('pipe:orders')
 * checkpoints.set('row-1', { version: 12 })
 * checkpoints.get('row-1')?.version
 */
export class KeyValueStore<T = unknown> {
  readonly namespace: string
  readonly #db: Database
  readonly #account: () => string
  readonly #get: Statement<[string, string, string]>
  readonly #set: Statement<[string, string, string, string, number]>
  readonly #delete: Statement<[string, string, string]>
  readonly #keys: Statement<[string, string]>
  readonly #entries: Statement<[{ user: string; namespace: string; prefix: string }]>
  readonly #clear: Statement<[string, string]>
  readonly #beforeWrite: () => void

  /** `account`: the partition, read at every call (a client's store follows `setUserById`). */
  /** `beforeWrite`: called before every write (the cache registers its process as a writer). */
  constructor(db: Database, account: string | (() => string), namespace: string, beforeWrite: () => void = () => {}) {
    if (typeof namespace !== 'string' || namespace.length === 0 || namespace.length > 200) {
      throw new TypeError(`a key/value namespace is a string of 1 to 200 characters, got ${JSON.stringify(namespace)}`)
    }
    if (typeof account === 'string' && account.length === 0) throw new TypeError('a key/value store needs the account (notion_user id) it belongs to')
    this.namespace = namespace
    this.#db = db
    this.#beforeWrite = beforeWrite
    this.#account = typeof account === 'string' ? () => account : account
    this.#get = db.prepare('SELECT value FROM kv WHERE user_id = ? AND namespace = ? AND key = ?')
    this.#set = db.prepare(
      'INSERT INTO kv (user_id, namespace, key, value, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    this.#delete = db.prepare('DELETE FROM kv WHERE user_id = ? AND namespace = ? AND key = ?')
    this.#keys = db.prepare('SELECT key FROM kv WHERE user_id = ? AND namespace = ? ORDER BY key')
    // `key >= prefix` walks the primary key from the prefix on; the substr test ends the run (no LIKE escaping).
    this.#entries = db.prepare(
      'SELECT key, value FROM kv WHERE user_id = @user AND namespace = @namespace AND key >= @prefix AND substr(key, 1, length(@prefix)) = @prefix ORDER BY key',
    )
    this.#clear = db.prepare('DELETE FROM kv WHERE user_id = ? AND namespace = ?')
  }

  get(key: string): T | undefined {
    const row = this.#get.get(this.#account(), this.namespace, key) as { value: string } | undefined
    return row === undefined ? undefined : (JSON.parse(row.value) as T)
  }

  /** Stores `value` (JSON-serializable; `undefined` is refused: use `delete`). */
  set(key: string, value: T): void {
    this.#beforeWrite()
    this.#set.run(this.#account(), this.namespace, key, this.#serialize(key, value), Date.now())
  }

  delete(key: string): boolean {
    this.#beforeWrite()
    return this.#delete.run(this.#account(), this.namespace, key).changes > 0
  }

  keys(): string[] {
    return (this.#keys.all(this.#account(), this.namespace) as { key: string }[]).map((row) => row.key)
  }

  /** The keys starting with `prefix` and their values, in key order. */
  entries(prefix = ''): [string, T][] {
    const rows = this.#entries.all({ user: this.#account(), namespace: this.namespace, prefix }) as { key: string; value: string }[]
    return rows.map((row) => [row.key, JSON.parse(row.value) as T])
  }

  /**
   * Runs `change` in ONE transaction: every set and delete it makes is committed together, or
   * none is (a pipe's checkpoint moves as a whole). Nested calls join the outer transaction.
   */
  batch<R>(change: (store: this) => R): R {
    return this.#db.transaction(() => change(this))()
  }

  /** Removes every key of this namespace (in this account's partition). */
  clear(): void {
    this.#beforeWrite()
    this.#clear.run(this.#account(), this.namespace)
  }

  #serialize(key: string, value: T): string {
    const text = JSON.stringify(value)
    if (text === undefined) throw new TypeError(`kv ${this.namespace}: the value of ${JSON.stringify(key)} is not JSON-serializable; use delete() to remove a key`)
    return text
  }
}
