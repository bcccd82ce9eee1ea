import {
  aggregateRows,
  CellReader,
  compileFilter,
  dayInZone,
  defaultOrderComparator,
  groupRows,
  matchesSearch,
  QueryEvaluationError,
  readQuerySchema,
  RELATIVE_DATE_RANGES,
  RELATIVE_DATES,
  sortComparator,
  rowCollectionId,
  type CalendarDay,
  type QueryFilter,
  type QuerySchema,
  type QueryRow,
  type RowComparator,
  type RowPredicate,
} from '@notion-rx/protocol'
import { formulaOutsideRow } from '../properties/formulaOutsideRow.js'
import type { AggregationReducerBody, GroupsReducerBody, QueryLoaderBody } from '../query/queryBuilder.js'
import type { QueryGroup } from '../query/queryResult.js'

const RELATIVE_VALUES: ReadonlySet<unknown> = new Set<unknown>([...RELATIVE_DATES, ...RELATIVE_DATE_RANGES])

export interface LocalQueryInput {
  readonly loader: QueryLoaderBody
  readonly collectionId: string
  /** The collection record's value (its schema). */
  readonly collection: Readonly<Record<string, unknown>>
  /** The view whose `page_sort` orders rows before the sorts, if the query has one. */
  readonly pageSort: readonly string[]
}

/** Why a query cannot be decided locally, or the evaluator that can. */
export type LocalQueryPlan = { readonly evaluator: LocalQueryEvaluator } | { readonly reason: string }

function propertiesOfFilter(filter: QueryFilter | undefined, into: Set<string>, relative: { found: boolean }): void {
  if (!filter) return
  if ('filters' in filter) {
    for (const child of filter.filters) propertiesOfFilter(child, into, relative)
    return
  }
  into.add(filter.property)
  // `{type: "relative", value: "me"}` is a person, not a date: it does not move at midnight.
  const value = filter.filter.value as { type?: unknown; value?: unknown } | undefined
  if (RELATIVE_VALUES.has(value?.value) || RELATIVE_VALUES.has(value)) relative.found = true
}

/**
 * One query's rules, evaluated on the client with the evaluator the emulator answers queries by
 * (`@notion-rx/protocol`'s query module): which rows belong (collection, alive, not a template,
 * search, filter), in what order (sorts, then the view's `page_sort`, `created_time` and id), and
 * the aggregates. It lets a live query place a changed row itself instead of asking the server for
 * every id again.
 *
 * Only queries whose answer depends on nothing but the rows themselves qualify (`plan` says why
 * not): no rollups in filters, sorts, aggregates or groups (they move when other rows change), and
 * formulas there only when they read the row's own properties (`formulaOutsideRow`: no rollup,
 * relation or `now()`, in them or in the formulas they read); those are computed here with the
 * formula evaluator the server uses. Relative dates qualify until the day ends (`dependsOnToday`;
 * the live query then asks the server again).
 */
export class LocalQueryEvaluator {
  readonly collectionId: string
  readonly reader: CellReader
  readonly timeZone: string
  /** The day relative dates ("today", "the past week") were resolved for. */
  readonly today: CalendarDay
  /** The filter has relative dates: the answer is good until `today` ends in `timeZone`. */
  readonly dependsOnToday: boolean
  readonly #matches: RowPredicate
  readonly #sort: RowComparator
  readonly #defaultOrder: RowComparator
  readonly #searchQuery: string
  readonly #aggregations: ReadonlyArray<readonly [string, AggregationReducerBody['aggregation']]>
  readonly #groups: { readonly name: string; readonly reducer: GroupsReducerBody } | undefined
  /** The cells the aggregations and the grouping read (a row count reads none). */
  readonly #reducerProperties: readonly string[]

  private constructor(input: LocalQueryInput, schema: QuerySchema, userId: string | undefined, dependsOnToday: boolean) {
    const { loader } = input
    this.collectionId = input.collectionId
    this.reader = new CellReader(schema, loader.userTimeZone)
    this.timeZone = loader.userTimeZone
    this.today = dayInZone(Date.now(), loader.userTimeZone)
    this.dependsOnToday = dependsOnToday
    this.#matches = compileFilter(loader.filter, { reader: this.reader, userId: loader.userId ?? userId, today: this.today })
    this.#sort = sortComparator(loader.sort ?? [], this.reader)
    this.#defaultOrder = defaultOrderComparator(input.pageSort)
    this.#searchQuery = loader.searchQuery
    this.#aggregations = Object.entries(loader.reducers).flatMap(([name, reducer]) =>
      reducer.type === 'aggregation' ? [[name, reducer.aggregation] as const] : [],
    )
    const grouped = Object.entries(loader.reducers).find((entry): entry is [string, GroupsReducerBody] => entry[1].type === 'groups')
    this.#groups = grouped && { name: grouped[0], reducer: grouped[1] }
    const read = this.#aggregations.flatMap(([, { property, aggregator }]) => (aggregator === 'count' && property === undefined ? [] : [property ?? 'title']))
    if (this.#groups) read.push(this.#groups.reducer.groupBy.property)
    this.#reducerProperties = [...new Set(read)]
  }

  /** The evaluator for a query, or why the query must be asked of the server. */
  static plan(input: LocalQueryInput, userId: string | undefined): LocalQueryPlan {
    const { loader } = input
    const used = new Set<string>()
    const relative = { found: false }
    propertiesOfFilter(loader.filter, used, relative)
    for (const sort of loader.sort ?? []) used.add(sort.property)
    for (const reducer of Object.values(loader.reducers)) {
      if (reducer.type === 'aggregation') used.add(reducer.aggregation.property ?? 'title')
      if (reducer.type === 'groups') used.add(reducer.groupBy.property)
    }
    const schema = readQuerySchema(input.collection)
    for (const id of used) {
      const property = schema.get(id)
      if (property?.type === 'rollup') return { reason: `rollup ${JSON.stringify(property.name)}` }
      const outside = property?.type === 'formula' ? formulaOutsideRow(schema, id) : undefined
      if (outside !== undefined) return { reason: `formula ${JSON.stringify(property!.name)} reads ${outside}` }
    }
    try {
      return { evaluator: new LocalQueryEvaluator(input, schema, userId, relative.found) }
    } catch (error) {
      // The schema changed under the query (a property it names is gone): the server decides.
      if (QueryEvaluationError.isQueryEvaluationError(error)) return { reason: error.message }
      throw error
    }
  }

  /** Whether a block (its value as the store holds it, if any) is a row of the result. */
  matches(row: QueryRow | undefined): row is QueryRow {
    if (!row) return false
    const { value } = row
    return (
      rowCollectionId(value) === this.collectionId &&
      value['alive'] !== false &&
      value['is_template'] !== true &&
      matchesSearch(row, this.#searchQuery, this.reader) &&
      this.#matches(row)
    )
  }

  /** The result's order: a total order (ties end on the id). */
  compare(a: QueryRow, b: QueryRow): number {
    return this.#sort(a, b) || this.#defaultOrder(a, b)
  }

  /** The aggregation reducers' values over the result's rows, by reducer name. */
  aggregates(rows: readonly QueryRow[]): Record<string, unknown> {
    const values: Record<string, unknown> = {}
    for (const [name, aggregation] of this.#aggregations) {
      values[name] = aggregateRows(rows, aggregation, this.reader, `loader.reducers.${name}.aggregation`).value
    }
    return values
  }

  /**
   * Whether two versions of a row read the same to the aggregations and the grouping: if so, a
   * row that changed in place moves no aggregate and no group, and nothing needs recounting.
   */
  sameReducerCells(a: QueryRow, b: QueryRow): boolean {
    for (const property of this.#reducerProperties) {
      if (JSON.stringify(this.reader.read(a, property)) !== JSON.stringify(this.reader.read(b, property))) return false
    }
    return true
  }

  get hasAggregations(): boolean {
    return this.#aggregations.length > 0
  }

  get grouped(): boolean {
    return this.#groups !== undefined
  }

  /**
   * The groups (board columns) of the result's rows, in the result's order, as `readResponse`
   * reads the server's groups reducer: each group's ids up to the reducer's limit, its row count.
   */
  groups(rows: readonly QueryRow[]): QueryGroup[] | undefined {
    if (!this.#groups) return undefined
    const { name, reducer } = this.#groups
    const limit = reducer.blockResults?.defaultLimit ?? reducer.limit
    return groupRows(rows, { groupBy: reducer.groupBy }, this.reader, `loader.reducers.${name}`).map((group) => {
      const page = limit === undefined ? group.rows : group.rows.slice(0, limit)
      return { value: group.value.value, ids: page.map((row) => row.id), total: group.rows.length, hasMore: page.length < group.rows.length }
    })
  }
}
