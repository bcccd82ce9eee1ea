import { filter, ignoreElements, merge, mergeMap, type Observable } from 'rxjs'
import type { RecordChange } from './recordChange.js'
import type { RecordStore } from './recordStore.js'

/**
 * The changes of one record, one at a time. Unlike filtering `changes$`, it observes the record
 * while subscribed, so a monitor subscribes to it and remote changes arrive.
 */
export function recordChanges(store: RecordStore, table: string, id: string): Observable<RecordChange> {
  return merge(
    store.select(table, id).pipe(ignoreElements()),
    store.changes$.pipe(
      mergeMap((changes) => changes),
      filter((change) => change.id === id && change.table === table),
    ),
  )
}
