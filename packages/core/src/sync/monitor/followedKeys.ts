import { parseSubscriptionKey, recordSubscriptionKey } from '@notion-rx/protocol'
import type { Subscription } from 'rxjs'
import type { RecordStore } from '../../store/recordStore.js'
import { recordKey, splitRecordKey, type RecordKey } from '../../store/snapshot.js'
import { SubscriptionSet } from './subscriptionSet.js'

export interface FollowedKeysOptions {
  store: Pick<RecordStore, 'observation$' | 'observedKeys'>
  /** How long a key stays after its last holder let go. */
  graceMs: number
  /** A key became followed. */
  onAdd: (key: string) => void
  /** A key is no longer followed (its grace period ran out). */
  onRemove: (key: string) => void
}

function subscriptionKeyOf(key: RecordKey): string {
  const { table, id } = splitRecordKey(key)
  return recordSubscriptionKey(table, id)
}

/**
 * The message-store keys a monitor follows: `versions/<id>:<table>` of every record observed in
 * the store (the first observer subscribes, the last one unsubscribes after a grace period), and
 * whatever else is held through `follow` (a database's `collection/<id>`).
 */
export class FollowedKeys {
  readonly #keys: SubscriptionSet
  readonly #observation: Subscription
  #closed = false

  constructor({ store, graceMs, onAdd, onRemove }: FollowedKeysOptions) {
    this.#keys = new SubscriptionSet({ graceMs, onAdd, onRemove })
    this.#observation = store.observation$.subscribe(({ key, observed }) =>
      observed ? this.#keys.acquire(subscriptionKeyOf(key)) : this.#keys.release(subscriptionKeyOf(key)),
    )
    for (const key of store.observedKeys()) this.#keys.acquire(subscriptionKeyOf(key))
  }

  /** Holds `key` until the returned function is called (once; later calls do nothing). */
  follow(key: string): () => void {
    if (this.#closed) return () => {}
    this.#keys.acquire(key)
    let released = false
    return () => {
      if (released) return
      released = true
      this.#keys.release(key)
    }
  }

  /** Followed: held, or let go but still in its grace period. */
  has(key: string): boolean {
    return this.#keys.has(key)
  }

  keys(): string[] {
    return this.#keys.keys()
  }

  /** The records among the keys, as store keys. */
  recordKeys(): RecordKey[] {
    return this.#keys.keys().flatMap((key) => {
      const parsed = parseSubscriptionKey(key)
      return parsed.kind === 'record' ? [recordKey(parsed.table, parsed.id)] : []
    })
  }

  close(): void {
    this.#closed = true
    this.#observation.unsubscribe()
    this.#keys.dispose()
  }
}
