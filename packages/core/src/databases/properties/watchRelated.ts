import type { RecordPointer } from '@notion-rx/protocol'
import { Observable, skip, type Subscription } from 'rxjs'
import type { ClientContext } from '../../clientContext.js'
import { relatedRowsIn, type RelatedRowLookup } from './relatedRows.js'

/**
 * `compute(related)` now, and again whenever a record it read through `related` changes in the
 * store: rollups follow their related rows (and those rows' databases) as the store learns of
 * them. The records it reads stay observed while subscribed, so with a monitor a teammate's edit
 * of a related row arrives too. Related rows and databases the store has no record of are loaded,
 * once each, in one batched `loadRecords`; until they arrive (or if loading fails) the rollups that
 * read them are `undefined`.
 */
export function watchRelated<T>(context: ClientContext, compute: (related: RelatedRowLookup) => T): Observable<T> {
  return new Observable<T>((subscriber) => {
    const { store } = context
    const watching = new Map<string, Subscription>()
    const requested = new Set<string>()
    const run = (): void => {
      if (subscriber.closed) return
      const reads = new Map<string, RecordPointer>()
      const value = compute(relatedRowsIn(store, (table, id) => reads.set(`${table}:${id}`, { table, id })))
      subscriber.next(value)
      for (const [key, subscription] of watching) {
        if (reads.has(key)) continue
        subscription.unsubscribe()
        watching.delete(key)
      }
      const missing: RecordPointer[] = []
      for (const [key, pointer] of reads) {
        // `select` emits the current record at once: only later changes re-run.
        if (!watching.has(key)) watching.set(key, store.select(pointer.table, pointer.id).pipe(skip(1)).subscribe(run))
        if (store.get(pointer.table, pointer.id) === undefined && !requested.has(key)) {
          requested.add(key)
          missing.push(pointer)
        }
      }
      // Loaded records re-run `compute` through their observers; a failed load leaves them unknown.
      if (missing.length > 0) context.loadRecords(missing).catch(() => undefined)
    }
    run()
    return () => {
      for (const subscription of watching.values()) subscription.unsubscribe()
      watching.clear()
    }
  })
}
