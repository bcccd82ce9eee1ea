import {
  EMPTY,
  filter,
  lastValueFrom,
  map,
  Observable,
  ReplaySubject,
  share,
  Subject,
  Subscription,
  switchMap,
  tap,
  timer,
  type Subscriber,
} from 'rxjs'
import type { NotifyManager } from '../../store/notifyManager.js'
import type { RecordChange } from '../../store/recordChange.js'
import { NotionApiError } from '../../transport/errors/notionApiError.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { cachedQueryResult } from '../query/cachedQueryResult.js'
import type { QueryBuilder } from '../query/queryBuilder.js'
import { queryContextOf, type CollectionQueryContext } from '../query/queryContext.js'
import { patchResult, resultFromStore, sameResult, sameShape, type QueryResult, type RawQueryResult } from '../query/queryResult.js'
import { runQuery, type ExecuteOptions, type QueryTarget } from '../query/runQuery.js'
import { mergeSummaries, needsWork, summarizeChanges, type ChangeSummary } from './changeSummary.js'
import { initialLiveQueryState, liveQueryReducer, type LiveQueryEffect, type LiveQueryEvent, type LiveQueryState, type RunChanges, type WorkerStep } from './liveQueryReducer.js'
import { afterIdle, nextDay, oneTick, workOneAtATime } from './liveQueryTiming.js'
import { LocalQueryEvaluator } from './localQueryEvaluator.js'
import { LocalResult } from './localResult.js'
import { RowHolds } from './rowHolds.js'
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

/** What a live query watches: a query's target and builder (a `CollectionQuery` is one). */
export interface LiveQuerySource {
  readonly target: QueryTarget
  readonly builder: QueryBuilder
}

type Options = LiveQueryOptions & ExecuteOptions

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
 *
 * One `LiveQuery` lives per subscription of the shared `results$`. It holds the results (the one
 * shown, the local result); its decisions are `liveQueryReducer`'s (state × event → state and
 * effects), what a store update means is `summarizeChanges`'s, and its timing is RxJS operators
 * on the store's notify manager (`liveQueryTiming.ts`).
 */
export class LiveQuery {
  readonly #source: LiveQuerySource
  readonly #options: Options
  readonly #context: CollectionQueryContext
  readonly #subscriber: Pick<Subscriber<QueryResult>, 'next'>
  readonly #notify: NotifyManager
  readonly #holds: RowHolds | undefined
  readonly #triggers = new Subject<void>()
  /** The local result's evaluator, each time it is replaced: midnight is timed by it. */
  readonly #evaluators = new Subject<LocalQueryEvaluator | undefined>()
  readonly #subscriptions = new Subscription()
  #state: LiveQueryState
  #current: QueryResult | undefined
  #local: LocalResult | undefined
  /** Position of each id of `#current` (for queries decided by the server), rebuilt when the ids change. */
  #indexOf = new Map<string, number>()
  #indexed: readonly string[] | undefined

  constructor(source: LiveQuerySource, options: Options, subscriber: Pick<Subscriber<QueryResult>, 'next'>) {
    this.#source = source
    this.#options = options
    this.#subscriber = subscriber
    this.#context = queryContextOf(source.target.context)
    this.#notify = this.#context.store.notifyManager
    const watchRows = this.#context.monitor !== undefined && (options.watchRows ?? true)
    this.#holds = watchRows ? new RowHolds(this.#context.store) : undefined
    this.#state = initialLiveQueryState(watchRows)
  }

  /** Follows the store, the monitor and the clock, and runs the query. */
  start(): void {
    const { store, monitor } = this.#context
    const { collectionId } = this.#source.target
    this.#subscriptions.add(
      this.#evaluators
        .pipe(switchMap((evaluator) => (evaluator?.dependsOnToday ? nextDay(evaluator.today, evaluator.timeZone, this.#notify) : EMPTY)))
        .subscribe(() => this.#dispatch({ type: 'nextDay' })),
    )
    this.#subscriptions.add(store.select('collection', collectionId).subscribe())
    if (monitor) {
      // `collection/<id>` for as long as the query is live, even while no row of it is observed.
      this.#subscriptions.add(monitor.observeCollection(collectionId))
      const notified = monitor.collectionChanges$.pipe(filter((change) => change.collectionId === collectionId))
      this.#subscriptions.add(notified.subscribe(() => this.#dispatch({ type: 'collectionChanged' })))
    }
    this.#subscriptions.add(this.#changes(store.changes$).subscribe((summary) => this.#dispatch({ type: 'changed', summary })))
    this.#showCached()
    const debounceMs = this.#options.debounceMs ?? 50
    this.#subscriptions.add(this.#triggers.pipe(workOneAtATime(debounceMs, this.#notify.timeScheduler, () => this.#work())).subscribe())
  }

  close(): void {
    this.#dispatch({ type: 'closed' })
    this.#subscriptions.unsubscribe()
    this.#holds?.releaseAll()
  }

  /** Store updates that concern the query, as one summary per tick (a write is noted at once). */
  #changes(updates: Observable<readonly RecordChange[]>): Observable<ChangeSummary> {
    return updates.pipe(
      map((changes) => summarizeChanges(changes, this.#watched())),
      filter(needsWork),
      tap((summary) => {
        if (summary.local) this.#dispatch({ type: 'written' })
      }),
      oneTick(mergeSummaries),
    )
  }

  #watched() {
    const { target } = this.#source
    const shown = { has: (id: string) => (this.#local ? this.#local.has(id) : this.#positions().has(id)) }
    return { collectionId: target.collectionId, viewId: target.viewId, schema: target.schema(), shown }
  }

  /** Runs an event through the reducer and does its effects; returns the worker's step, if any. */
  #dispatch(event: LiveQueryEvent): WorkerStep | undefined {
    const { state, effects } = liveQueryReducer(this.#state, event)
    this.#state = state
    let step: WorkerStep | undefined
    for (const effect of effects) step = this.#perform(effect) ?? step
    return step
  }

  /** The worker: one step at a time (write flush, run or count check) while something is wanted. */
  async #work(): Promise<void> {
    let step = this.#dispatch({ type: 'pick' })
    while (step && step.type !== 'stop') {
      if (step.type === 'flush') {
        // The server must have our writes before it can answer with them.
        await this.#context.transactions.flush().catch(() => {})
        step = this.#dispatch({ type: 'flushed' })
        continue
      }
      if (step.type === 'run') await this.#run()
      else if (step.type === 'check') await this.#check()
      step = this.#dispatch({ type: 'pick' })
    }
  }

  async #run(): Promise<void> {
    this.#dispatch({ type: 'runStarted' })
    let raw: RawQueryResult
    try {
      // A re-run asks for as many rows as the last result had (and some), so it takes one request.
      const pageSize = Math.max(this.#options.pageSize ?? 1000, this.#current ? this.#current.total + 64 : 0)
      raw = await runQuery(this.#source.target, this.#source.builder, { ...this.#options, pageSize })
    } catch (error) {
      this.#dispatch({ type: 'runFailed', error })
      return
    }
    this.#dispatch({ type: 'runAnswered', raw })
  }

  /** The count check, once the monitor has fetched what it was told of. */
  async #check(): Promise<void> {
    const idle = this.#context.monitor?.whenIdle?.bind(this.#context.monitor)
    const step = await lastValueFrom(afterIdle(idle, async () => this.#dispatch({ type: 'idle' })), { defaultValue: undefined })
    if (step?.type !== 'verify' || !this.#local) return
    if ((await this.#verify(this.#local)) !== 'askAgain') return
    await lastValueFrom(timer(this.#options.debounceMs ?? 50, this.#notify.timeScheduler))
    this.#dispatch({ type: 'askedAgain' })
  }

  /** Asks the server to count the rows of `local`'s result; returns the step the answer calls for. */
  async #verify(local: LocalResult): Promise<WorkerStep['type'] | undefined> {
    const { target, builder } = this.#source
    const checked = local.result
    try {
      const verdict = await verifyResult(this.#context, target, builder, checked)
      if (this.#local?.result !== checked) return this.#dispatch({ type: 'checkStale' })?.type
      if (verdict.sameRows) return this.#dispatch({ type: 'checkAgreed', aggregates: verdict.aggregates })?.type
      return this.#dispatch({ type: 'checkDisagreed' })?.type
    } catch (error) {
      const refused = NotionApiError.isNotionApiError(error) && error.status >= 400 && error.status < 500
      return this.#dispatch({ type: 'checkFailed', error, refused })?.type
    }
  }

  /** Does one effect; a worker step is returned to the worker. */
  #perform(effect: LiveQueryEffect): WorkerStep | undefined {
    switch (effect.type) {
      case 'trigger':
        return void this.#triggers.next()
      case 'reportError':
        return void this.#options.onError?.(effect.error)
      case 'showRun':
        return void this.#showRun(effect.raw, effect.changed)
      case 'showStoreValues':
        this.#setLocal(undefined)
        return void (this.#current && this.#emit(resultFromStore(this.#context, this.#current, this.#schema(), this.#current)))
      case 'replan':
        return void this.#replan(effect.summary)
      case 'showAggregates':
        return void this.#emit(this.#local?.withAggregates(effect.aggregates))
      case 'applyLocal':
      case 'rereadLocal':
      case 'holdRows':
      case 'patchRows':
      case 'patchAll':
        return void this.#showChangedRows(effect)
      default:
        return effect
    }
  }

  /** Rows changed between runs: placed in the local result, or re-read in the server's. */
  #showChangedRows(effect: Extract<LiveQueryEffect, { type: 'applyLocal' | 'rereadLocal' | 'holdRows' | 'patchRows' | 'patchAll' }>): void {
    const local = this.#local
    const current = this.#current
    if (effect.type === 'patchRows' || effect.type === 'patchAll') {
      if (current) this.#emit(patchResult(this.#context, current, this.#schema(), effect.type === 'patchAll' ? current.ids : effect.rows, this.#positions()))
      return
    }
    if (!local) return
    // `?? local.result`: a re-planned result left changed rows out, and may differ even when
    // applying them moved nothing.
    if (effect.type === 'applyLocal') {
      const shown = local.result
      const applied = local.apply(effect.rows, this.#schema())
      // What `apply` returns differs from the result it edited: if that one is shown, comparing
      // them (a pointer compare per row) is not needed.
      this.#emit(applied ?? local.result, applied !== undefined && this.#current === shown)
    } else if (effect.type === 'rereadLocal') this.#emit(local.reread(this.#schema()))
    else for (const id of effect.rows) this.#holds?.hold(id, local.has(id))
  }

  /** A run's answer shown: re-read where it changed meanwhile, taken over by a local result if it can be. */
  #showRun(raw: RawQueryResult, changed: RunChanges): void {
    const schema = this.#schema()
    const previous = this.#current
    let next: QueryResult
    if (previous !== undefined && !changed.schema && sameShape(previous, raw)) {
      // Same ids, order and reducers: only rows whose records changed are re-read.
      next = { ...(patchResult(this.#context, previous, schema, changed.rows, this.#positions()) ?? previous), requests: raw.requests }
    } else {
      next = resultFromStore(this.#context, raw, schema, previous)
    }
    // The server answered: what showed the cache file's result is confirmed (or replaced).
    if (next.stale) next = { ...next, stale: false }
    const local = this.#planLocal(next, changed.newer)
    // Rows that changed during the run are placed by what the store holds now.
    if (local) next = local.apply(changed.newer, schema) ?? local.result
    this.#holds?.exactly(next.ids)
    this.#setLocal(local)
    if (previous === undefined) {
      this.#current = next
      this.#subscriber.next(next)
    } else this.#emit(next)
    this.#dispatch({ type: 'shown', local: local !== undefined })
  }

  /** A warm start: the result the cache file holds, at once (`stale`), until the first run answers. */
  #showCached(): void {
    const cached = cachedQueryResult(this.#source.target, this.#source.builder, this.#options.limit)
    if (cached === undefined) return
    this.#current = resultFromStore(this.#context, cached.result, this.#schema())
    this.#subscriber.next(this.#current)
  }

  /** The view's order changed: keep deciding locally if the rows shown are still in that order. */
  #replan(summary: ChangeSummary): void {
    if (this.#local) this.#setLocal(this.#planLocal(this.#local.result, summary.rows))
    this.#dispatch({ type: 'replanned', summary, local: this.#local !== undefined })
  }

  /** A local result for `result`, when the client can decide the query (rows in `pending` are left out). */
  #planLocal(result: QueryResult, pending: ReadonlySet<string>): LocalResult | undefined {
    const { store } = this.#context
    const { target, builder } = this.#source
    const collection = store.get('collection', target.collectionId)?.value
    if (!collection) return undefined
    const pageSort = target.viewId === undefined ? [] : store.get('collection_view', target.viewId)?.value?.['page_sort']
    const userId = this.#context.currentUserId()
    const plan = LocalQueryEvaluator.plan(
      {
        // No limit of ours: a live run asks for every row, so only a `groupBy` limit cuts columns.
        loader: builder.toLoader({ limit: Number.MAX_SAFE_INTEGER, userId }),
        collectionId: target.collectionId,
        collection,
        pageSort: Array.isArray(pageSort) ? pageSort.filter((id): id is string => typeof id === 'string') : [],
      },
      userId,
    )
    return 'evaluator' in plan ? LocalResult.from(this.#context, plan.evaluator, result, pending) : undefined
  }

  /** Relative dates ("today", "the next week") move at midnight: each new evaluator times it again. */
  #setLocal(local: LocalResult | undefined): void {
    this.#local = local
    this.#evaluators.next(local?.evaluator)
  }

  /** Shows `next` unless it is what is shown (`changed`: the caller knows it is not). */
  #emit(next: QueryResult | undefined, changed = false): void {
    if (!next || (!changed && sameResult(this.#current, next))) return
    this.#current = next
    this.#subscriber.next(next)
  }

  #schema(): CollectionSchema {
    return this.#source.target.schema()
  }

  #positions(): Map<string, number> {
    const ids = this.#current?.ids ?? []
    if (this.#indexed !== ids) {
      this.#indexOf = new Map(ids.map((id, index) => [id, index]))
      this.#indexed = ids
    }
    return this.#indexOf
  }
}

/** The live form of a query, shared by its subscribers (see `LiveQuery`). */
export function liveQuery(query: LiveQuerySource, options: Options = {}): Observable<QueryResult> {
  const live = new Observable<QueryResult>((subscriber) => {
    const instance = new LiveQuery(query, options, subscriber)
    instance.start()
    return () => instance.close()
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
