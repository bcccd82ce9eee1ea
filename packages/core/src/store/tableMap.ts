import { recordKey, type RecordKey } from './snapshot.js'

/**
 * Values by table, then id. The store looks records up by (table, id) tens of thousands of times
 * per page load; a `table:id` key string per lookup would be built, hashed and kept for nothing.
 */
export class TableMap<V> {
  readonly #tables = new Map<string, Map<string, V>>()
  #size = 0

  /** How many values, over every table. */
  get size(): number {
    return this.#size
  }

  get(table: string, id: string): V | undefined {
    return this.#tables.get(table)?.get(id)
  }

  has(table: string, id: string): boolean {
    return this.#tables.get(table)?.has(id) === true
  }

  /** The tables holding values, as a new array (callers may delete while they go). */
  tables(): string[] {
    return [...this.#tables.keys()]
  }

  /** One table's values by id, for loops over many records of it. */
  table(table: string): ReadonlyMap<string, V> | undefined {
    return this.#tables.get(table)
  }

  set(table: string, id: string, value: V): void {
    let byId = this.#tables.get(table)
    if (!byId) this.#tables.set(table, (byId = new Map()))
    const before = byId.size
    byId.set(id, value)
    this.#size += byId.size - before
  }

  delete(table: string, id: string): boolean {
    const byId = this.#tables.get(table)
    if (!byId?.delete(id)) return false
    this.#size--
    if (byId.size === 0) this.#tables.delete(table)
    return true
  }

  /** Every `table:id` key (built here, for the few callers that want them). */
  *keys(): IterableIterator<RecordKey> {
    for (const [table, byId] of this.#tables) for (const id of byId.keys()) yield recordKey(table, id)
  }
}
