import type { QueryCollectionResponse } from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import type { CollectionRowBlock } from '../records/pageBlocks.js'
import { resolveRecord } from '../records/recordResolver.js'
import type { CollectionSchema } from './collectionSchema.js'
import { GROUPS_REDUCER, RESULTS_REDUCER } from './queryBuilder.js'
import { rowProperties, type RowProperties } from './rowProperties.js'

/** One group of a grouped query (a board column): its value, its rows' ids and how many rows it has. */
export interface QueryGroup {
  readonly value: unknown
  readonly ids: readonly string[]
  readonly total: number | undefined
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
        return { value: group.value.value, ids: groupIds, total: count }
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
  const previousRows = new Map<string, { row: CollectionRowBlock; values: RowProperties }>()
  if (previous) previous.rows.forEach((row, index) => previousRows.set(row.id, { row, values: previous.values[index]! }))
  const rows: CollectionRowBlock[] = new Array(raw.ids.length)
  const values: RowProperties[] = new Array(raw.ids.length)
  raw.ids.forEach((id, index) => {
    const before = previousRows.get(id)
    rows[index] = before?.row ?? (resolveRecord(context, 'block', id) as CollectionRowBlock)
    const value = store.get('block', id)?.value
    const decoded = value ? rowProperties(schema, value) : EMPTY_ROW
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

function sameProperties(a: RowProperties, b: RowProperties): boolean {
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

/** Whether two results show the same thing: ids, row values (by reference), aggregates, groups, total. */
export function sameResult(a: QueryResult | undefined, b: QueryResult): boolean {
  if (!a) return false
  if (a.total !== b.total || a.hasMore !== b.hasMore) return false
  if (!sameList(a.ids, b.ids) || !sameList(a.values, b.values)) return false
  if (!sameJson(a.aggregates, b.aggregates)) return false
  if (a.groups === b.groups) return true
  if (!a.groups || !b.groups || a.groups.length !== b.groups.length) return false
  return a.groups.every((group, i) => {
    const other = b.groups![i]!
    return group.total === other.total && sameJson(group.value, other.value) && sameList(group.ids, other.ids)
  })
}
