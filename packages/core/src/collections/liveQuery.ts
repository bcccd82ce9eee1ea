import { Observable, ReplaySubject, Subject, Subscription, debounceTime, filter, share, timer } from 'rxjs'
import { runQuery, type CollectionQuery, type ExecuteOptions } from './collectionQuery.js'
import { queryContextOf } from './queryContext.js'
import { patchResult, resultFromStore, sameResult, sameShape, type QueryResult, type RawQueryResult } from './queryResult.js'

export interface LiveQueryOptions {
  /**
   * Triggers within this window are batched into one re-run.
   * @default 50
   */
  debounceMs?: number | undefined
  /**
   * Told about failed re-runs (the last result stays; the next trigger tries again). Errors are
   * values here, never the end of `results$`.
   */
  onError?: ((error: unknown) => void) | undefined
  /**
   * How long the shared live query keeps running after its last subscriber leaves (a quick
   * re-subscribe reuses it).
   * @default 0
   */
  keepAliveMs?: number | undefined
}

function rowCollectionOf(value: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return value?.['parent_table'] === 'collection' && typeof value['parent_id'] === 'string' ? value['parent_id'] : undefined
}

/**
 * The live form of a query. Why it is cheap on a one-row change of a large result: a re-run only
 * brings ids and order (and the store ignores row records whose version it already holds), the
 * result is rebuilt by reference (`resultFromStore` decodes only rows whose value changed), and
 * change detection looks at each store update's changed records only, never at the whole result.
 */
export function liveQuery(query: CollectionQuery, options: LiveQueryOptions & ExecuteOptions = {}): Observable<QueryResult> {
  const { target } = query
  const debounceMs = options.debounceMs ?? 50
  const live = new Observable<QueryResult>((subscriber) => {
    const context = queryContextOf(target.context)
    const { store } = context
    const subscriptions = new Subscription()
    const triggers = new Subject<void>()
    let raw: RawQueryResult | undefined
    let current: QueryResult | undefined
    /** Position of each id of the current result (rebuilt per run, which is O(result) anyway). */
    let indexOf = new Map<string, number>()
    let running = false
    let dirty = false
    let awaitWrites = false
    let closed = false

    /** Rows of the result changed, and whether the schema did, while a run was in flight. */
    const changedDuringRun = new Set<string>()
    let schemaChangedDuringRun = false

    const publish = () => {
      if (!raw) return
      const next = resultFromStore(context, raw, target.schema(), current)
      if (sameResult(current, next)) return
      current = next
      subscriber.next(next)
    }

    const run = async (): Promise<void> => {
      if (running) {
        dirty = true
        return
      }
      running = true
      try {
        do {
          dirty = false
          if (awaitWrites) {
            // The server must have our writes before it can answer with them.
            awaitWrites = false
            await context.transactions.flush().catch(() => {})
          }
          try {
            // A re-run asks for as many rows as the last result had (and some), so it takes one request.
            const pageSize = Math.max(options.pageSize ?? 1000, raw ? raw.total + 64 : 0)
            raw = await runQuery(target, query.builder, { ...options, pageSize })
          } catch (error) {
            options.onError?.(error)
            continue
          }
          if (closed) return
          const previousRaw = current
          const unchanged = previousRaw !== undefined && !schemaChangedDuringRun && sameShape(previousRaw, raw)
          if (!unchanged) indexOf = new Map(raw.ids.map((id, index) => [id, index]))
          if (unchanged) {
            // Same ids, order and reducers: only rows whose records changed are re-read.
            const next = patchResult(context, previousRaw, target.schema(), changedDuringRun, indexOf)
            if (next) {
              current = { ...next, requests: raw.requests }
              subscriber.next(current)
            }
          } else publish()
          changedDuringRun.clear()
          schemaChangedDuringRun = false
        } while (dirty && !closed)
      } finally {
        running = false
      }
    }

    subscriptions.add(triggers.pipe(debounceTime(debounceMs)).subscribe(() => void run()))
    subscriptions.add(store.select('collection', target.collectionId).subscribe())
    const monitor = context.monitor
    if (monitor) {
      // `collection/<id>` for as long as the query is live, even while no row of it is observed.
      subscriptions.add(monitor.observeCollection(target.collectionId))
      subscriptions.add(
        monitor.collectionChanges$.pipe(filter((change) => change.collectionId === target.collectionId)).subscribe(() => triggers.next()),
      )
    }
    subscriptions.add(
      store.changes$.subscribe((changes) => {
        let rerun = false
        let reread = false
        const changedRows: string[] = []
        for (const change of changes) {
          // Our own query's record map comes in as `refresh`: it never triggers a re-run.
          const ours = change.origin !== 'refresh'
          if (change.table === 'block') {
            if (indexOf.has(change.id)) {
              changedRows.push(change.id)
              if (running) changedDuringRun.add(change.id)
            }
            if (ours && (rowCollectionOf(change.before) === target.collectionId || rowCollectionOf(change.after) === target.collectionId)) rerun = true
          } else if (change.table === 'collection' && change.id === target.collectionId) {
            reread = true
            if (running) schemaChangedDuringRun = true
            rerun ||= ours
          } else if (change.table === 'collection_view' && change.id === target.viewId) {
            rerun ||= ours
          }
          if (ours && change.origin === 'local') awaitWrites = true
        }
        // Rows of the result changed (a local edit, a remote refetch): show it now, without a
        // request, re-reading only those rows (a schema change re-reads them all).
        if (!running && current) {
          if (reread) publish()
          else if (changedRows.length > 0) {
            const next = patchResult(context, current, target.schema(), changedRows, indexOf)
            if (next) {
              current = next
              subscriber.next(next)
            }
          }
        }
        if (rerun) triggers.next()
      }),
    )
    void run()
    return () => {
      closed = true
      subscriptions.unsubscribe()
    }
  })
  const keepAliveMs = options.keepAliveMs ?? 0
  return live.pipe(
    share({
      connector: () => new ReplaySubject<QueryResult>(1),
      resetOnError: true,
      resetOnComplete: true,
      resetOnRefCountZero: keepAliveMs > 0 ? () => timer(keepAliveMs) : true,
    }),
  )
}
