import type BetterSqlite3 from 'better-sqlite3'

type Database = BetterSqlite3.Database
type Statement<P extends unknown[]> = BetterSqlite3.Statement<P>

/**
 * A namespace of the cache file's key/value area: JSON values by string key, each write its own
 * committed transaction (so a checkpoint written is a checkpoint kept, also across kill -9).
 * Other packages keep their state here (the pipe its checkpoints), next to the records they mirror.
 *
 * @example
 * const checkpoints = client.cache!.kv<{ version: number }>('pipe:orders')
 * checkpoints.set('row-1', { version: 12 })
 * checkpoints.get('row-1')?.version
 */
export class KeyValueStore<T = unknown> {
  readonly namespace: string
  readonly #get: Statement<[string, string]>
  readonly #set: Statement<[string, string, string, number]>
  readonly #delete: Statement<[string, string]>
  readonly #keys: Statement<[string]>
  readonly #clear: Statement<[string]>

  constructor(db: Database, namespace: string) {
    if (typeof namespace !== 'string' || namespace.length === 0 || namespace.length > 200) {
      throw new TypeError(`a key/value namespace is a string of 1 to 200 characters, got ${JSON.stringify(namespace)}`)
    }
    this.namespace = namespace
    this.#get = db.prepare('SELECT value FROM kv WHERE namespace = ? AND key = ?')
    this.#set = db.prepare('INSERT INTO kv (namespace, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    this.#delete = db.prepare('DELETE FROM kv WHERE namespace = ? AND key = ?')
    this.#keys = db.prepare('SELECT key FROM kv WHERE namespace = ? ORDER BY key')
    this.#clear = db.prepare('DELETE FROM kv WHERE namespace = ?')
  }

  get(key: string): T | undefined {
    const row = this.#get.get(this.namespace, key) as { value: string } | undefined
    return row === undefined ? undefined : (JSON.parse(row.value) as T)
  }

  /** Stores `value` (JSON-serializable; `undefined` is refused: use `delete`). */
  set(key: string, value: T): void {
    const text = JSON.stringify(value)
    if (text === undefined) throw new TypeError(`kv ${this.namespace}: the value of ${JSON.stringify(key)} is not JSON-serializable; use delete() to remove a key`)
    this.#set.run(this.namespace, key, text, Date.now())
  }

  delete(key: string): boolean {
    return this.#delete.run(this.namespace, key).changes > 0
  }

  keys(): string[] {
    return (this.#keys.all(this.namespace) as { key: string }[]).map((row) => row.key)
  }

  /** Removes every key of this namespace. */
  clear(): void {
    this.#clear.run(this.namespace)
  }
}
