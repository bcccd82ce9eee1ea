import { parseSubscriptionKey } from '@notion-rx/protocol'
import type { RecordStore } from '../../store/recordStore.js'

/**
 * The version a registration carries, so the server can catch us up from it: for a record, the
 * version the store confirmed; for other keys (a database's `collection/<id>`), the newest version
 * announced on them; -1 when there is none.
 */
export class HeldVersions {
  readonly #store: Pick<RecordStore, 'getConfirmed'>
  readonly #announced = new Map<string, number>()

  constructor(store: Pick<RecordStore, 'getConfirmed'>) {
    this.#store = store
  }

  of(key: string): number {
    const parsed = parseSubscriptionKey(key)
    if (parsed.kind !== 'record') return this.#announced.get(key) ?? -1
    const version = this.#store.getConfirmed(parsed.table, parsed.id)?.version ?? -1
    return version >= 0 ? version : -1
  }

  /** A notification on a key that names no record said it is now at `version`. */
  announced(key: string, version: number): void {
    this.#announced.set(key, Math.max(version, this.#announced.get(key) ?? -1))
  }
}
