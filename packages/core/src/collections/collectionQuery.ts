import type { QueryFilter } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import type { CallOptions } from '../callOptions.js'
import type { ClientContext } from '../clientContext.js'
import { abortable } from '../sync/abortable.js'
import type { CollectionSchema } from './collectionSchema.js'
import { InvalidQueryError } from './invalidQueryError.js'
import { liveQuery, type LiveQueryOptions } from './liveQuery.js'
import { QueryBuilder, type SortDirection } from './queryBuilder.js'
import { queryContextOf } from './queryContext.js'
import type { FilterInput } from './queryFilter.js'
import type { Aggregator } from './queryOperators.js'
import { loadRollupSources } from './rollupSources.js'
import { readResponse, resultFromStore, type QueryResult, type RawQueryResult } from './queryResult.js'

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

export interface ExecuteOptions extends CallOptions {
  /**
   * At most this many rows (`result.hasMore` says whether there were more).
   * @default Infinity (every row)
   */
  limit?: number | undefined
  /**
   * Rows asked for by the first request. When the server says there are more, the next request
   * asks for all of them at once (its `sizeHint`), so any size takes two requests.
   * @default 1000
   */
  pageSize?: number | undefined
}

/** What a query runs against: a collection (and, optionally, a view whose `page_sort` orders rows). */
export interface QueryTarget {
  readonly context: ClientContext
  readonly collectionId: string
  readonly viewId: string | undefined
  readonly spaceId: string | undefined
  /** The collection's schema now (the store's frozen object). */
  schema(): CollectionSchema
}

const DEFAULT_PAGE_SIZE = 1000

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
 * Runs `builder` through queryCollection's reducer form until every row (up to `limit`) is read:
 * the first request asks for `pageSize` rows; when the answer `hasMore`, the next asks for the
 * server's `sizeHint` (or twice as many, whichever is more). The reducer API has no cursor, so
 * this is how the web app pages too. Rows the record map lacks, and the related rows their rollups
 * read, are then fetched in bulk. Writes queued before the query are sent first (the server
 * answers with them applied: a row added just before is in the result); a write that fails
 * there is reported where writes are (`errors$`, its own promise), not by the query.
 */
export async function runQuery(target: QueryTarget, builder: QueryBuilder, options: ExecuteOptions = {}): Promise<RawQueryResult> {
  const context = queryContextOf(target.context)
  const max = options.limit ?? Number.POSITIVE_INFINITY
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  if (!(max >= 0) || !(pageSize > 0) || !Number.isInteger(pageSize)) {
    throw new InvalidQueryError('invalid_option', 'limit must be a non-negative number and pageSize a positive integer')
  }
  const { signal } = options
  signal?.throwIfAborted()
  await abortable(
    context.transactions.flush().catch(() => {}),
    signal,
  )
  let limit = Math.min(pageSize, max)
  const userId = context.currentUserId()
  for (let requests = 1; ; requests++) {
    const body = builder.toQueryCollectionBody({
      collectionId: target.collectionId,
      viewId: target.viewId,
      spaceId: target.spaceId,
      limit,
      ...(userId === undefined ? {} : { userId }),
    })
    const raw = readResponse(await context.queryCollection(body, { signal }), requests)
    const groupsMore = raw.groups?.some((group) => group.hasMore || (group.total !== undefined && group.ids.length < group.total)) ?? false
    if ((!raw.hasMore && !groupsMore) || limit >= max) {
      const missing = raw.ids.filter((id) => context.store.get('block', id)?.value === undefined)
      const spaceId = target.spaceId
      if (missing.length > 0) {
        await context.loadRecords(
          missing.map((id) => (spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId })),
          { signal },
        )
      }
      // What rollups read (related rows and their databases): nothing is sent without rollups.
      await loadRollupSources(context, raw.ids, signal)
      return raw
    }
    limit = Math.min(max, Math.max(raw.total, limit * 2))
  }
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
   */
  async execute(options: CallOptions = {}): Promise<QueryResult> {
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
