import type { QueryFilter } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import type { CallOptions } from '../../callOptions.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { liveQuery, type LiveQueryOptions } from '../live/liveQuery.js'
import { cachedQueryResult } from './cachedQueryResult.js'
import { QueryBuilder, type SortDirection } from './queryBuilder.js'
import { queryContextOf } from './queryContext.js'
import type { FilterInput } from './queryFilter.js'
import type { Aggregator } from './queryOperators.js'
import { resultFromStore, type QueryResult } from './queryResult.js'
import { runQuery, type ExecuteOptions, type QueryTarget } from './runQuery.js'

/** `execute()`'s options. */
export interface ExecuteCallOptions extends CallOptions {
  /**
   * With the client's `cache`: resolve at once with the result the file holds on a warm start
   * (`stale: true`), refreshed in the background. `false` waits for the server.
   * @default true
   */
  cached?: boolean | undefined
}

/** A sort: a property key (ascending), or `{ property, direction }`. */
export type SortInput = string | { readonly property: string; readonly direction?: SortDirection }

/** An aggregation: `id` names its result (`result.aggregate(id)`); `property` null counts rows. */
export interface AggregationInput {
  readonly property: string | null
  readonly aggregator: Aggregator
  readonly id?: string
}

/** notion-py-style query options (`cv.query({ filter, sort, aggregations })`); keys are ids, names or slugs. */
export interface QueryOptions {
  /** Built with `where`/`and`/`or`, several (all must match), or a filter group in wire form (as views save them). */
  filter?: FilterInput | readonly FilterInput[] | QueryFilter | undefined
  /** Top-level filters: any may match instead of all. @default false */
  matchAny?: boolean | undefined
  sort?: SortInput | readonly SortInput[] | undefined
  aggregations?: readonly AggregationInput[] | undefined
  /** Groups rows by a property (`result.groups`). */
  groupBy?: string | { readonly property: string; readonly sort?: 'manual' | 'ascending' | 'descending'; readonly hideEmptyGroups?: boolean } | undefined
  /** Full-text search over title and text properties. */
  search?: string | undefined
  /** Zone of date filters and relative dates. @default 'UTC' */
  timeZone?: string | undefined
}

function isWireFilter(filter: unknown): filter is QueryFilter {
  if (filter === null || typeof filter !== 'object') return false
  if ('filter' in filter) return true
  const children = (filter as { filters?: unknown }).filters
  return Array.isArray(children) && children.some((child) => isWireFilter(child))
}

/** A builder from notion-py-style options. */
export function builderFromOptions(schema: CollectionSchema, options: QueryOptions): QueryBuilder {
  let builder = new QueryBuilder(schema, options.timeZone === undefined ? {} : { timeZone: options.timeZone })
  const { filter } = options
  if (filter !== undefined) {
    if (Array.isArray(filter)) builder = builder.filter(...(filter as FilterInput[]))
    else if (isWireFilter(filter)) builder = builder.filterWire(filter)
    else builder = builder.filter(filter as FilterInput)
  }
  if (options.matchAny) builder = builder.matchAny()
  const sorts = options.sort === undefined ? [] : Array.isArray(options.sort) ? (options.sort as SortInput[]) : [options.sort as SortInput]
  for (const sort of sorts) {
    builder = typeof sort === 'string' ? builder.sort(sort) : builder.sort(sort.property, sort.direction ?? 'ascending')
  }
  for (const aggregation of options.aggregations ?? []) {
    builder = builder.aggregate(aggregation.property, aggregation.aggregator, aggregation.id)
  }
  if (options.groupBy !== undefined) {
    const group = typeof options.groupBy === 'string' ? { property: options.groupBy } : options.groupBy
    const { property, ...rest } = group
    builder = builder.groupBy(property, rest)
  }
  if (options.search !== undefined) builder = builder.search(options.search)
  return builder
}

/**
 * A query over a collection, ready to run (`execute()`) or to watch (`results$`). Built and
 * checked against the schema when created: unknown properties, operators of another type and
 * values of the wrong kind throw (`UnknownPropertyError`, `InvalidQueryError`) before anything is sent.
 * @example
 * const result = await cv.query({ filter: where('estimatedValue', 'number_greater_than', 10), sort: 'name' }).execute()
 * result.rows[0]?.prop('Estimated value')
 */
export class CollectionQuery {
  readonly target: QueryTarget
  readonly builder: QueryBuilder
  readonly #options: ExecuteOptions & LiveQueryOptions
  #results$: Observable<QueryResult> | undefined

  constructor(target: QueryTarget, builder: QueryBuilder, options: ExecuteOptions & LiveQueryOptions = {}) {
    this.target = target
    this.builder = builder
    this.#options = options
  }

  /** The same query with changes made to its builder (`q.refine((b) => b.where(...))`). */
  refine(change: (builder: QueryBuilder) => QueryBuilder): CollectionQuery {
    return new CollectionQuery(this.target, change(this.builder), this.#options)
  }

  /** The same query with other execution or live options. */
  withOptions(options: ExecuteOptions & LiveQueryOptions): CollectionQuery {
    return new CollectionQuery(this.target, this.builder, { ...this.#options, ...options })
  }

  /**
   * Runs the query: every matching row (paginated), aggregates and groups. Writes queued before
   * it are sent first, so the result includes them.
   *
   * With the client's `cache`, a query this client has not run yet resolves at once with the
   * result the file holds (`stale: true`, no request) and is run again in the background (the
   * file then holds the server's answer; `client.whenSynced()` waits for it). `cached: false`
   * always waits for the server.
   */
  async execute(options: ExecuteCallOptions = {}): Promise<QueryResult> {
    const cached = options.cached === false ? undefined : cachedQueryResult(this.target, this.builder, this.#options.limit)
    if (cached !== undefined) {
      const { context } = this.target
      queryContextOf(context).queryResults?.refresh(() => runQuery(this.target, this.builder, this.#options))
      return resultFromStore(context, cached.result, this.target.schema())
    }
    const raw = await runQuery(this.target, this.builder, options.signal ? { ...this.#options, signal: options.signal } : this.#options)
    return resultFromStore(this.target.context, raw, this.target.schema())
  }

  /**
   * The result now and whenever it changes: re-run (debounced, one at a time) when the server
   * announces a change of the collection (`collection/<id>`, with a monitor) or a write through
   * this client touches its rows, schema or view; rows of the result changed in the store are
   * re-read at once. Emits only when something shown changed. Shared while subscribed.
   */
  get results$(): Observable<QueryResult> {
    return (this.#results$ ??= liveQuery(this, this.#options))
  }
}
