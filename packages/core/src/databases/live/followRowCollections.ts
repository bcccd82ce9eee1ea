import { collectionSubscriptionKey, rowCollectionId } from '@notion-rx/protocol'
import { Subscription } from 'rxjs'
import type { RecordChange } from '../../store/recordChange.js'
import type { RecordStore } from '../../store/recordStore.js'
import { recordKey, splitRecordKey, type RecordKey } from '../../store/snapshot.js'
import type { KeyFollowing } from '../../sync/monitor/keyFollowing.js'

/**
 * While a database row is observed in the store, follows its database's `collection/<id>` key
 * through the monitor: the message store announces a row added to (or moved into, or out of) a
 * database only on that key. A row that moves to another database moves its hold with it.
 * Unsubscribing lets go of every key held.
 */
export function followRowCollections(
  store: Pick<RecordStore, 'observation$' | 'changes$' | 'observedKeys' | 'get'>,
  monitor: Pick<KeyFollowing, 'follow'>,
): Subscription {
  /** Observed blocks, and the database each row among them holds. */
  const observed = new Set<RecordKey>()
  const held = new Map<RecordKey, { collectionId: string; release: () => void }>()

  const setRow = (key: RecordKey, collectionId: string | undefined) => {
    const previous = held.get(key)
    if (previous?.collectionId === collectionId) return
    if (collectionId !== undefined) held.set(key, { collectionId, release: monitor.follow(collectionSubscriptionKey(collectionId)) })
    else held.delete(key)
    previous?.release()
  }
  const observe = (key: RecordKey) => {
    const { table, id } = splitRecordKey(key)
    if (table !== 'block') return
    observed.add(key)
    setRow(key, rowCollectionId(store.get(table, id)?.value))
  }
  const unobserve = (key: RecordKey) => {
    observed.delete(key)
    setRow(key, undefined)
  }
  const track = (changes: readonly RecordChange[]) => {
    for (const change of changes) {
      if (change.table !== 'block') continue
      const key = recordKey(change.table, change.id)
      if (observed.has(key)) setRow(key, rowCollectionId(change.after))
    }
  }

  const subscription = new Subscription()
  subscription.add(store.observation$.subscribe(({ key, observed: isObserved }) => (isObserved ? observe(key) : unobserve(key))))
  subscription.add(store.changes$.subscribe(track))
  for (const key of store.observedKeys()) observe(key)
  subscription.add(() => {
    for (const { release } of held.values()) release()
    held.clear()
    observed.clear()
  })
  return subscription
}
