import type { QueryCollectionResponse } from '@notion-rx/protocol'
import type { ClientContext } from '../../clientContext.js'
import type { CollectionRowBlock } from '../collectionRowBlock.js'
import { resolveRecord } from '../../records/recordRegistry.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { GROUPS_REDUCER, RESULTS_REDUCER } from './queryBuilder.js'
import { relatedRowsIn } from '../properties/relatedRows.js'
import { rowProperties, type RowProperties } from '../properties/rowProperties.js'

/** One group of a grouped query (a board column): its value, its rows' ids and how many rows it has. */
export interface QueryGroup {
  readonly value: unknown
  readonly ids: readonly string[]
  readonly total: number | undefined
  /** The group has more rows than `ids` (a `limit` cut it short). */
  readonly hasMore: boolean
}

/** What the server answered, before it is read against the store (ids, order, aggregates, groups). */
export interface RawQueryResult {
  readonly ids: readonly string[]
  readonly total: number
  readonly hasMore: boolean
  readonly aggregates: Readonly<Record<string, unknown>>
  readonly groups: readonly QueryGroup[] | undefined
  /** queryCollection requests it took (pagination). */
  readonly requests: number
  /**
   * True for a result served from the durable cache on a warm start (0 requests), before the
   * server answered the query again. See docs/cache.md.
   */
  readonly stale?: boolean
}

/**
 * A query's rows and reducers. `rows` are record objects (they read the store); `values` are the
 * rows' properties decoded and keyed by slug, shared by reference with earlier results for rows
 * that did not change.
 */
export interface QueryResult extends RawQueryResult {
  readonly rows: readonly CollectionRowBlock[]
  readonly values: readonly RowProperties[]
  /** An aggregation's value by its name (`id` in `aggregations`), as notion-py's `get_aggregate`. */
  aggregate(name: string): unknown
}

const EMPTY_ROW: RowProperties = Object.freeze({})

/** Reads one queryCollection response. */
export function readResponse(response: QueryCollectionResponse, requests: number): RawQueryResult {
  const aggregates: Record<string, unknown> = {}
  let ids: readonly string[] = []
  let hasMore = false
  let groups: QueryGroup[] | undefined
  for (const [name, result] of Object.entries(response.result.reducerResults)) {
    if (result.type === 'results' && name === RESULTS_REDUCER) {
      ids = result.blockIds
      hasMore = result.hasMore
    } else if (result.type === 'aggregation') {
      aggregates[name] = result.aggregationResult.value
    } else if (result.type === 'groups' && name === GROUPS_REDUCER) {
      groups = result.results.map((group, index) => {
        const keyed = result.blockResults ? Object.values(result.blockResults)[index] : undefined
        const groupIds = group.blockIds ?? keyed?.blockIds ?? []
        const count = group.total ?? (typeof group.aggregationResult?.value === 'number' ? group.aggregationResult.value : undefined)
        return { value: group.value.value, ids: groupIds, total: count, hasMore: group.hasMore ?? keyed?.hasMore ?? false }
      })
    }
  }
  return { ids, total: response.result.sizeHint ?? ids.length, hasMore, aggregates, groups, requests }
}

/**
 * A result read against the store now. Rows whose value (by reference) and schema did not change
 * since `previous` keep their `values` entry, so only changed rows are decoded.
 */
export function resultFromStore(
  context: ClientContext,
  raw: RawQueryResult,
  schema: CollectionSchema,
  previous?: QueryResult,
): QueryResult {
  const { store } = context
  // Built only when the order changed: most updates keep every row at its index.
  let previousById: Map<string, number> | undefined
  const previousIndex = (id: string, index: number): number | undefined => {
    if (!previous) return undefined
    if (previous.ids[index] === id) return index
    previousById ??= new Map(previous.ids.map((previousId, i) => [previousId, i]))
    return previousById.get(id)
  }
  // Rollups read related rows from the store (the row cache checks them, so this costs nothing without rollups).
  const codec = { related: relatedRowsIn(store) }
  const rows: CollectionRowBlock[] = new Array(raw.ids.length)
  const values: RowProperties[] = new Array(raw.ids.length)
  raw.ids.forEach((id, index) => {
    const at = previousIndex(id, index)
    const before = at === undefined ? undefined : { row: previous!.rows[at]!, values: previous!.values[at]! }
    rows[index] = before?.row ?? (resolveRecord(context, 'block', id) as CollectionRowBlock)
    const value = store.get('block', id)?.value
    const decoded = value ? rowProperties(schema, value, codec) : EMPTY_ROW
    // A new record reference with the same property values (a version bump) keeps the old object.
    values[index] = before && before.values !== decoded && sameProperties(before.values, decoded) ? before.values : decoded
  })
  const aggregates = raw.aggregates
  return { ...raw, rows, values, aggregate: (name) => aggregates[name] }
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * `result` with the rows in `changed` re-read from the store, everything else shared: the cost is
 * one array copy plus the changed rows, whatever the result size. `undefined` when no shown value
 * changed. `indexOf` maps each id of `result` to its position.
 */
export function patchResult(
  context: ClientContext,
  result: QueryResult,
  schema: CollectionSchema,
  changed: Iterable<string>,
  indexOf: ReadonlyMap<string, number>,
): QueryResult | undefined {
  let values: RowProperties[] | undefined
  const codec = { related: relatedRowsIn(context.store) }
  for (const id of changed) {
    const index = indexOf.get(id)
    if (index === undefined) continue
    const before = result.values[index]!
    const value = context.store.get('block', id)?.value
    const decoded = value ? rowProperties(schema, value, codec) : EMPTY_ROW
    if (decoded === before || sameProperties(before, decoded)) continue
    values ??= result.values.slice()
    values[index] = decoded
  }
  return values === undefined ? undefined : { ...result, values }
}

/** Whether two decoded rows show the same values (dates by instant, objects by content). */
export function sameProperties(a: RowProperties, b: RowProperties): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => {
    const x = a[key]
    const y = b[key]
    if (x === y) return true
    if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime()
    return typeof x === 'object' && typeof y === 'object' && sameJson(x, y)
  })
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

/** Whether two sets of aggregation values are the same. */
export function sameAggregates(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return sameJson(a, b)
}

/** Whether two results show the same thing: ids, row values (by reference), aggregates, groups, total. */
export function sameResult(a: QueryResult | undefined, b: QueryResult): boolean {
  if (!a) return false
  if (a.total !== b.total || a.hasMore !== b.hasMore || (a.stale ?? false) !== (b.stale ?? false)) return false
  if (!sameList(a.ids, b.ids) || !sameList(a.values, b.values)) return false
  if (!sameJson(a.aggregates, b.aggregates)) return false
  return sameGroups(a.groups, b.groups)
}

/** Whether two lists of groups show the same columns with the same rows. */
export function sameGroups(a: readonly QueryGroup[] | undefined, b: readonly QueryGroup[] | undefined): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  return a.every((group, i) => {
    const other = b[i]!
    return group.total === other.total && group.hasMore === other.hasMore && sameJson(group.value, other.value) && sameList(group.ids, other.ids)
  })
}

/** Same ids in the same order, same total, aggregates and groups: a re-run that moved nothing. */
export function sameShape(previous: QueryResult, next: RawQueryResult): boolean {
  if (previous.total !== next.total || previous.hasMore !== next.hasMore || previous.ids.length !== next.ids.length) return false
  for (let i = 0; i < next.ids.length; i++) if (previous.ids[i] !== next.ids[i]) return false
  if (JSON.stringify(previous.aggregates) !== JSON.stringify(next.aggregates)) return false
  return JSON.stringify(previous.groups) === JSON.stringify(next.groups)
}

