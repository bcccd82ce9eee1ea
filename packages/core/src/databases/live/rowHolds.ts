import type { RecordStore } from '../../store/recordStore.js'

/**
 * The rows a live query follows through the monitor: a hold per row (a set entry in the store,
 * not a subscription), so following thousands of rows stays cheap.
 */
export class RowHolds {
  readonly #store: RecordStore
  readonly #holds = new Map<string, () => void>()

  constructor(store: RecordStore) {
    this.#store = store
  }

  /** Follows the row, or stops following it. */
  hold(id: string, wanted: boolean): void {
    const release = this.#holds.get(id)
    if (wanted && !release) this.#holds.set(id, this.#store.hold('block', id))
    else if (!wanted && release) {
      release()
      this.#holds.delete(id)
    }
  }

  /** Follows these rows and no others. */
  exactly(ids: readonly string[]): void {
    const keep = new Set(ids)
    for (const id of [...this.#holds.keys()]) if (!keep.has(id)) this.hold(id, false)
    for (const id of ids) this.hold(id, true)
  }

  releaseAll(): void {
    for (const release of this.#holds.values()) release()
    this.#holds.clear()
  }
}
