import { dayInZone } from '@notion-rx/protocol'
import { Observable, ReplaySubject, Subject, Subscription, debounceTime, filter, share, timer } from 'rxjs'
import type { RecordChange } from '../../store/recordChange.js'
import { NotionApiError } from '../../transport/errors/notionApiError.js'
import type { QueryBuilder } from '../query/queryBuilder.js'
import { runQuery, type ExecuteOptions, type QueryTarget } from '../query/runQuery.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { LocalQueryEvaluator } from './localQueryEvaluator.js'
import { LocalResult } from './localResult.js'
import { msUntilNextDay } from './msUntilNextDay.js'
import { queryContextOf } from '../query/queryContext.js'
import { patchResult, resultFromStore, sameResult, sameShape, type QueryResult, type RawQueryResult } from '../query/queryResult.js'
import { hasRollups } from '../properties/rowProperties.js'
import { verifyResult } from './verifyResult.js'

export interface LiveQueryOptions {
  /**
   * Triggers within this window are batched into one request.
   * @default 50
   */
  debounceMs?: number | undefined
  /**
   * Told about failed requests (the last result stays; the next trigger tries again). Errors are
   * values here, never the end of `results$`.
   */
  onError?: ((error: unknown) => void) | undefined
  /**
   * How long the shared live query keeps running after its last subscriber leaves (a quick
   * re-subscribe reuses it).
   * @default 0
   */
  keepAliveMs?: number | undefined
  /**
   * With a monitor, follow every row of the result (`versions/<id>` subscriptions), so a
   * teammate's edit of a shown row arrives as that one record and is placed locally. Without it,
   * only `collection/<id>` is followed and each change costs a re-run.
   * @default true
   */
  watchRows?: boolean | undefined
}

function rowCollectionOf(value: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return value?.['parent_table'] === 'collection' && typeof value['parent_id'] === 'string' ? value['parent_id'] : undefined
}

/** What a live query watches: a query's target and builder (a `CollectionQuery` is one). */
export interface LiveQuerySource {
  readonly target: QueryTarget
  readonly builder: QueryBuilder
}

/** What one batch of store changes means for a live query. */
interface ChangeSummary {
  /** Blocks that are, were or may become rows of the result. */
  rows: Set<string>
  /** Those of them changed by a write or a refetch (newer than any query's answer). */
  newer: Set<string>
  /** The schema, or the view's manual order, changed (by a write or a refetch). */
  schema: boolean
  view: boolean
  /** A write through this client touched the rows, the schema or the view. */
  local: boolean
  /** A row of a database the rollups read changed: their values may have. */
  related: boolean
}

const sourcesCache = new WeakMap<CollectionSchema, ReadonlySet<string> | 'any' | undefined>()

/**
 * The databases a schema's rollups read (its relations' `collection_id`), `'any'` when one is not
 * named. Per schema object: it is asked on every store update.
 */
function rollupSources(schema: CollectionSchema): ReadonlySet<string> | 'any' | undefined {
  if (sourcesCache.has(schema)) return sourcesCache.get(schema)
  let sources: Set<string> | 'any' | undefined
  if (hasRollups(schema)) {
    sources = new Set<string>()
    for (const property of Object.values(schema)) {
      if (property?.type !== 'relation') continue
      const collectionId = (property as { collection_id?: unknown }).collection_id
      if (typeof collectionId !== 'string') {
        sources = 'any'
        break
      }
      sources.add(collectionId)
    }
  }
  sourcesCache.set(schema, sources)
  return sources
}

/**
 * The live form of a query.
 *
 * Most queries are decided on the client between server runs: the result is a `LocalResult`, and
 * each changed row (a local write, or a teammate's edit fetched by the monitor because the
 * result's rows are followed) is re-evaluated with the same filter, sort and aggregate rules the
 * server uses, and moved with a binary search: no request, and a cost that grows with the change,
 * not with the result. A `collection/<id>` notification (which says "something changed" without
 * saying what) then costs one small check: the server counts the matching rows and computes the
 * aggregates, and only when that disagrees with the local result (a row nobody here knew of was
 * added) does the query re-run in full. Queries the client cannot decide (rollups, or formulas
 * that read a rollup, a relation or `now()`, in what it filters, sorts, aggregates or groups by; a
 * `limit` that cuts the result) re-run on every change, as before:
 * the re-run brings ids and order, and only rows whose records changed are decoded again.
 */
export function liveQuery(query: LiveQuerySource, options: LiveQueryOptions & ExecuteOptions = {}): Observable<QueryResult> {
  const { target } = query
  const debounceMs = options.debounceMs ?? 50
  const live = new Observable<QueryResult>((subscriber) => {
    const context = queryContextOf(target.context)
    const { store, monitor } = context
    const watchRows = monitor !== undefined && (options.watchRows ?? true)
    const subscriptions = new Subscription()
    const triggers = new Subject<void>()
    let current: QueryResult | undefined
    let local: LocalResult | undefined
    /** Position of each id of `current` (for queries decided by the server), rebuilt when the ids change. */
    let indexOf = new Map<string, number>()
    let indexed: readonly string[] | undefined
    const positions = () => {
      const ids = current?.ids ?? []
      if (indexed !== ids) {
        indexOf = new Map(ids.map((id, index) => [id, index]))
        indexed = ids
      }
      return indexOf
    }
    let busy = false
    let running = false
    let wantRun = true
    let wantCheck = false
    let awaitWrites = false
    /** Count checks in a row that disagreed with the local result. */
    let disagreements = 0
    let checksRefused = false
    let closed = false
    /** Rows and schema changed while a run was in flight (its own answer included: rows to re-read). */
    const changedDuringRun = new Set<string>()
    /** Of those, rows changed by a write or a refetch: the answer may predate them. */
    const newerDuringRun = new Set<string>()
    let schemaChangedDuringRun = false

    const emit = (next: QueryResult | undefined) => {
      if (!next || sameResult(current, next)) return
      current = next
      subscriber.next(next)
    }

    // Rows followed through the monitor: a hold per row (a set entry, not a subscription).
    const holds = new Map<string, () => void>()
    const hold = (id: string, wanted: boolean) => {
      const release = holds.get(id)
      if (wanted && !release) holds.set(id, store.hold('block', id))
      else if (!wanted && release) {
        release()
        holds.delete(id)
      }
    }
    const holdExactly = (ids: readonly string[]) => {
      if (!watchRows) return
      const keep = new Set(ids)
      for (const id of [...holds.keys()]) if (!keep.has(id)) hold(id, false)
      for (const id of ids) hold(id, true)
    }

    const planLocal = (result: QueryResult, pending: ReadonlySet<string>): LocalResult | undefined => {
      const collection = store.get('collection', target.collectionId)?.value
      if (!collection) return undefined
      const pageSort = target.viewId === undefined ? [] : store.get('collection_view', target.viewId)?.value?.['page_sort']
      const plan = LocalQueryEvaluator.plan(
        {
          // No limit of ours: a live run asks for every row, so only a `groupBy` limit cuts columns.
          loader: query.builder.toLoader({ limit: Number.MAX_SAFE_INTEGER, userId: context.currentUserId() }),
          collectionId: target.collectionId,
          collection,
          pageSort: Array.isArray(pageSort) ? pageSort.filter((id): id is string => typeof id === 'string') : [],
        },
        context.currentUserId(),
      )
      return 'evaluator' in plan ? LocalResult.from(context, plan.evaluator, result, pending) : undefined
    }

    // Relative dates ("today", "the next week") move at midnight: then the server decides again.
    let midnight: ReturnType<typeof setTimeout> | undefined
    const followTheDay = () => {
      clearTimeout(midnight)
      midnight = undefined
      const evaluator = local?.evaluator
      if (!evaluator?.dependsOnToday) return
      midnight = setTimeout(() => {
        if (closed || local?.evaluator !== evaluator) return
        if (dayInZone(Date.now(), evaluator.timeZone) === evaluator.today) followTheDay()
        else {
          wantRun = true
          triggers.next()
        }
      }, msUntilNextDay(Date.now(), evaluator.timeZone))
      midnight.unref?.()
    }

    const run = async (): Promise<void> => {
      running = true
      disagreements = 0
      let raw: RawQueryResult
      try {
        // A re-run asks for as many rows as the last result had (and some), so it takes one request.
        const pageSize = Math.max(options.pageSize ?? 1000, current ? current.total + 64 : 0)
        raw = await runQuery(target, query.builder, { ...options, pageSize })
      } catch (error) {
        options.onError?.(error)
        return
      } finally {
        running = false
      }
      if (closed) return
      const schema = target.schema()
      const previous = current
      let next: QueryResult
      if (previous !== undefined && !schemaChangedDuringRun && sameShape(previous, raw)) {
        // Same ids, order and reducers: only rows whose records changed are re-read.
        next = { ...(patchResult(context, previous, schema, changedDuringRun, positions()) ?? previous), requests: raw.requests }
      } else {
        next = resultFromStore(context, raw, schema, previous)
      }
      const pending = new Set(newerDuringRun)
      changedDuringRun.clear()
      newerDuringRun.clear()
      schemaChangedDuringRun = false
      local = planLocal(next, pending)
      if (local) {
        // Rows that changed during the run are placed by what the store holds now.
        next = local.apply(pending, schema) ?? local.result
      }
      holdExactly(next.ids)
      followTheDay()
      if (previous === undefined) {
        current = next
        subscriber.next(next)
      } else emit(next)
    }

    const check = async (): Promise<void> => {
      // Records the monitor was told about are fetched (and placed) before the server counts.
      await monitor?.whenIdle?.()
      if (closed || !local) return
      const checked = local.result
      const verdict = await verifyResult(context, target, query.builder, checked).catch((error: unknown) => {
        options.onError?.(error)
        // A server that refuses the check's form (no view, no results) gets full runs from now on.
        if (NotionApiError.isNotionApiError(error) && error.status >= 400 && error.status < 500) checksRefused = true
        wantRun = true
        return undefined
      })
      if (closed || !local || !verdict) return
      const askAgain = async () => {
        await new Promise((resolve) => setTimeout(resolve, debounceMs))
        wantCheck = true
      }
      if (local.result !== checked) {
        // The result changed while the server counted: the answer describes another state.
        await askAgain()
      } else if (verdict.sameRows) {
        disagreements = 0
        emit(local.withAggregates(verdict.aggregates))
      } else if (++disagreements < 2) {
        // The server may be ahead of us: a commit whose row notifications are still on their way.
        // Ask once more after they have landed; two disagreements in a row mean an unseen row.
        await askAgain()
      } else wantRun = true
    }

    const work = async (): Promise<void> => {
      if (busy) return
      busy = true
      try {
        while ((wantRun || wantCheck) && !closed) {
          if (awaitWrites) {
            // The server must have our writes before it can answer with them.
            awaitWrites = false
            await context.transactions.flush().catch(() => {})
          }
          if (wantRun || !local) {
            wantRun = false
            wantCheck = false
            await run()
          } else {
            wantCheck = false
            await check()
          }
        }
      } finally {
        busy = false
      }
    }

    const summarize = (changes: readonly RecordChange[]): ChangeSummary => {
      const summary: ChangeSummary = { rows: new Set(), newer: new Set(), schema: false, view: false, local: false, related: false }
      const sources = rollupSources(target.schema())
      for (const change of changes) {
        // A query's record map comes in as `refresh`: it never asks for another request.
        const newer = change.origin !== 'refresh'
        let relevant = false
        if (change.table === 'block') {
          const isRow = rowCollectionOf(change.before) === target.collectionId || rowCollectionOf(change.after) === target.collectionId
          relevant = isRow || (local ? local.has(change.id) : positions().has(change.id))
          if (relevant) {
            summary.rows.add(change.id)
            if (newer) summary.newer.add(change.id)
          } else if (sources) {
            const parent = rowCollectionOf(change.before) ?? rowCollectionOf(change.after)
            if (parent !== undefined && (sources === 'any' || sources.has(parent))) summary.related = true
          }
        } else if (change.table === 'collection' && change.id === target.collectionId) {
          relevant = true
          summary.schema ||= newer
        } else if (change.table === 'collection_view' && change.id === target.viewId) {
          relevant = true
          summary.view ||= newer
        }
        if (relevant && change.origin === 'local') summary.local = true
      }
      return summary
    }

    /** Changes of this tick, applied together in a microtask: a loop of writes is one emission. */
    let queued: ChangeSummary | undefined

    const onChanges = (changes: readonly RecordChange[]) => {
      const summary = summarize(changes)
      if (summary.rows.size === 0 && !summary.schema && !summary.view && !summary.related) return
      if (summary.local) awaitWrites = true
      if (queued) {
        for (const id of summary.rows) queued.rows.add(id)
        for (const id of summary.newer) queued.newer.add(id)
        queued.schema ||= summary.schema
        queued.view ||= summary.view
        queued.local ||= summary.local
        queued.related ||= summary.related
        return
      }
      queued = summary
      queueMicrotask(() => {
        queued = undefined
        if (!closed) applyChanges(summary)
      })
    }

    const applyChanges = (summary: ChangeSummary) => {
      if (running) {
        for (const id of summary.rows) changedDuringRun.add(id)
        for (const id of summary.newer) newerDuringRun.add(id)
        schemaChangedDuringRun ||= summary.schema
        if (summary.schema || summary.view) wantRun = true
        else if (summary.local && !checksRefused) wantCheck = true
        if (wantRun || wantCheck) triggers.next()
        return
      }
      if (!current) return
      const schema = target.schema()
      if (summary.schema) {
        // A new schema changes how every row reads (and may sort): show the store's values now,
        // then let the server decide again.
        local = undefined
        emit(resultFromStore(context, current, schema, current))
        wantRun = true
      } else {
        // The manual order changed (a row appended by addRow, or a drag): keep deciding locally if
        // the rows shown are still in the new order, else ask the server.
        if (summary.view && local) {
          local = planLocal(local.result, summary.rows)
          followTheDay()
        }
        if (summary.view && !local) wantRun = true
        if (local) {
          // `?? local.result`: a re-planned result left changed rows out, and may differ even when
          // applying them moved nothing.
          emit(local.apply(summary.rows, schema) ?? local.result)
          if (summary.related) emit(local.reread(schema))
          if (watchRows) for (const id of summary.rows) hold(id, local.has(id))
          // A write through this client is checked with the server once it is committed; a
          // teammate's edit is checked when its `collection/<id>` notification arrives.
          if (summary.local && !checksRefused) wantCheck = true
        } else {
          // Rows of the result changed (a local edit, a remote refetch): show it now, without a
          // request, re-reading only those rows; a write through this client re-runs the query.
          emit(patchResult(context, current, schema, summary.rows, positions()))
          if (summary.local) wantRun = true
          // Rollups may have moved: show the new values, and let the server place rows by them.
          if (summary.related) {
            emit(patchResult(context, current, schema, current.ids, positions()))
            wantRun = true
          }
        }
      }
      if (wantRun || wantCheck) triggers.next()
    }

    subscriptions.add(triggers.pipe(debounceTime(debounceMs)).subscribe(() => void work()))
    subscriptions.add(store.select('collection', target.collectionId).subscribe())
    if (monitor) {
      // `collection/<id>` for as long as the query is live, even while no row of it is observed.
      subscriptions.add(monitor.observeCollection(target.collectionId))
      subscriptions.add(
        monitor.collectionChanges$.pipe(filter((change) => change.collectionId === target.collectionId)).subscribe(() => {
          // The count check is enough only while every shown row is followed: an edit of a row
          // nobody follows changes no count.
          if (watchRows && !checksRefused) wantCheck = true
          else wantRun = true
          triggers.next()
        }),
      )
    }
    subscriptions.add(store.changes$.subscribe(onChanges))
    void work()
    return () => {
      closed = true
      clearTimeout(midnight)
      subscriptions.unsubscribe()
      for (const release of holds.values()) release()
      holds.clear()
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
