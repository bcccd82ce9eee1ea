import { dayString, isValidTimeZone, wallClockOf, type QueryFilter, type QueryFilterGroup, type QueryFilterLeaf } from '@notion-rx/protocol'
import type { CollectionSchema, SchemaProperty } from '../properties/collectionSchema.js'
import { InvalidQueryError } from './invalidQueryError.js'
import type { FilterInput, FilterValueArgs } from './queryFilter.js'
import {
  AGGREGATORS,
  FILTER_OPERATORS,
  RELATIVE_DATE_RANGES,
  RELATIVE_DATES,
  aggregatorsFor,
  filterOperatorsFor,
  type Aggregator,
  type FilterOperator,
} from './queryOperators.js'
import { resolveProperty } from '../properties/resolveProperty.js'
import { UnknownPropertyError } from '../properties/unknownPropertyError.js'

export type SortDirection = 'ascending' | 'descending'

/** `{property, direction}` with the property's id. */
export interface QuerySortBody {
  property: string
  direction: SortDirection
}

export interface ResultsReducerBody {
  type: 'results'
  limit: number
  loadContentCover?: boolean
}

export interface AggregationReducerBody {
  type: 'aggregation'
  aggregation: { property?: string; aggregator: Aggregator }
}

export interface GroupsReducerBody {
  type: 'groups'
  version: 'v2'
  groupBy: { property: string; type: string; sort: { type: 'manual' | 'ascending' | 'descending' }; hideEmptyGroups?: boolean }
  limit?: number
  blockResults?: { defaultLimit: number }
}

export type ReducerBody = ResultsReducerBody | AggregationReducerBody | GroupsReducerBody

/** The reducer loader (docs/protocol.md#querycollection). */
export interface QueryLoaderBody {
  type: 'reducer'
  reducers: Record<string, ReducerBody>
  sort?: QuerySortBody[]
  filter?: QueryFilterGroup
  searchQuery: string
  userTimeZone: string
  userId?: string
}

/** A queryCollection request body, reducer form. */
export interface QueryCollectionBody {
  collection: { id: string; spaceId?: string }
  source: { type: 'collection'; id: string; spaceId?: string }
  collectionView?: { id: string; spaceId?: string }
  loader: QueryLoaderBody
}

export interface QueryBodyOptions {
  collectionId: string
  /** The view whose `page_sort` orders rows before the sorts apply. */
  viewId?: string | undefined
  spaceId?: string | undefined
  /**
   * Rows in `collection_group_results` (and per group of `groupBy`).
   * @default 100
   */
  limit?: number | undefined
  /** @default the builder's `timeZone` */
  userTimeZone?: string | undefined
  /** Whose "me" person filters mean (the server uses the caller when absent). */
  userId?: string | undefined
}

export interface QueryBuilderOptions {
  /**
   * The zone in which `Date` filter values become days, and relative dates are resolved by the server.
   * @default 'UTC'
   */
  timeZone?: string | undefined
}

/** The results reducer's name, as the web app calls it. */
export const RESULTS_REDUCER = 'collection_group_results'
/** The groups reducer's name for `groupBy`. */
export const GROUPS_REDUCER = 'collection_groups'

interface Aggregation {
  name: string
  property: string | undefined
  aggregator: Aggregator
}

interface GroupBy {
  property: string
  type: string
  sort: 'manual' | 'ascending' | 'descending'
  hideEmptyGroups: boolean | undefined
  limit: number | undefined
}

/** @internal The builder's state; every method returns a new builder. */
export interface QueryState {
  readonly filterOperator: 'and' | 'or'
  readonly filters: readonly QueryFilter[]
  readonly sorts: readonly QuerySortBody[]
  readonly aggregations: readonly Aggregation[]
  readonly groupBy: GroupBy | undefined
  readonly search: string
}

const EMPTY_STATE: QueryState = { filterOperator: 'and', filters: [], sorts: [], aggregations: [], groupBy: undefined, search: '' }
const KNOWN_OPERATORS: ReadonlySet<string> = new Set(FILTER_OPERATORS)
const KNOWN_AGGREGATORS: ReadonlySet<string> = new Set(AGGREGATORS)
const DAY = /^\d{4}-\d{2}-\d{2}$/

function isGroupInput(filter: FilterInput): filter is Extract<FilterInput, { filters: unknown }> {
  return 'filters' in filter
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'a Date'
  if (Array.isArray(value)) return 'an array'
  return value === null || typeof value !== 'object' ? JSON.stringify(value) ?? String(value) : 'an object'
}

function validLimit(limit: unknown, what: string): number {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    throw new InvalidQueryError('invalid_option', `${what} must be a non-negative integer, got ${describe(limit)}`)
  }
  return limit
}

/**
 * A typed query over one collection, checked against its schema before anything is sent:
 * properties are resolved by id, name or slug (`UnknownPropertyError`), operators and aggregators
 * checked against each property's type, and values against each operator (`InvalidQueryError`).
 * Immutable: every method returns a new builder.
 * @example
 * const body = new QueryBuilder(collection.schema)
 *   .where('Estimated value', 'number_greater_than', 10)
 *   .filter(or(where('tags', 'enum_contains', 'A'), where('category', 'is_empty')))
 *   .sort('estimatedValue', 'descending')
 *   .aggregate('estimatedValue', 'sum', 'total')
 *   .toQueryCollectionBody({ collectionId, viewId, spaceId })
 */
export class QueryBuilder {
  readonly schema: CollectionSchema
  readonly timeZone: string
  readonly #state: QueryState

  constructor(schema: CollectionSchema, options: QueryBuilderOptions = {}, state: QueryState = EMPTY_STATE) {
    const timeZone = options.timeZone ?? 'UTC'
    if (!isValidTimeZone(timeZone)) throw new InvalidQueryError('invalid_option', `Unknown time zone ${JSON.stringify(timeZone)}`)
    this.schema = schema
    this.timeZone = timeZone
    this.#state = state
  }

  #with(patch: Partial<QueryState>): QueryBuilder {
    return new QueryBuilder(this.schema, { timeZone: this.timeZone }, { ...this.#state, ...patch })
  }

  /** The top-level filter group as it will be sent (`undefined` when there is no filter). */
  get filterGroup(): QueryFilterGroup | undefined {
    const { filters, filterOperator } = this.#state
    return filters.length === 0 ? undefined : { operator: filterOperator, filters: structuredClone([...filters]) }
  }

  /** The sorts, with property ids. */
  get sorts(): QuerySortBody[] {
    return this.#state.sorts.map((sort) => ({ ...sort }))
  }

  /** The aggregation reducers' names, in order. */
  get aggregationNames(): string[] {
    return this.#state.aggregations.map((aggregation) => aggregation.name)
  }

  get searchQuery(): string {
    return this.#state.search
  }

  /**
   * Adds a filter on one property (all top-level filters must match, unless `matchAny()`).
   * @example query.where('Done', 'checkbox_is', true).where('Due', 'date_is_within', 'the_next_week')
   */
  where<O extends FilterOperator>(property: string, operator: O, ...value: FilterValueArgs<O>): QueryBuilder {
    const leaf = value.length === 0 ? { property, operator } : { property, operator, value: value[0] }
    return this.filter(leaf as FilterInput)
  }

  /** Adds filters built with `where`, `and`, `or` (or written as plain objects). */
  filter(...filters: FilterInput[]): QueryBuilder {
    return this.#with({ filters: [...this.#state.filters, ...filters.map((filter, index) => this.#compile(filter, `filter ${index}`))] })
  }

  /**
   * Adds a filter already in wire form (`{property, filter:{operator, value}}` leaves, nested
   * groups), as views save them: properties and operators are checked, values kept as they are
   * (half-built leaves without a value included; the server ignores those).
   * Leaves on properties the schema no longer has are dropped when `dropUnknown`.
   */
  filterWire(filter: QueryFilter, options: { dropUnknown?: boolean } = {}): QueryBuilder {
    const checked = this.#checkWire(filter, options.dropUnknown ?? false)
    if (!checked) return this
    // A saved top-level group's operator becomes the builder's when it is the first filter.
    if ('filters' in checked && this.#state.filters.length === 0) {
      return this.#with({ filterOperator: checked.operator, filters: checked.filters })
    }
    return this.#with({ filters: [...this.#state.filters, checked] })
  }

  /**
   * Adds filters every row must match on top of the current ones, whatever their top-level
   * operator: after `matchAny()` (or a saved `or` group), the current filters become one `or`
   * group beside the new ones. `filter()` would join them to the `or` instead.
   * @example view.defaultBuilder().narrow(where('Due', 'date_is_on_or_after', '2024-01-01'))
   */
  narrow(...filters: FilterInput[]): QueryBuilder {
    const compiled = filters.map((filter, index) => this.#compile(filter, `filter ${index}`))
    const { filterOperator, filters: current } = this.#state
    const kept: readonly QueryFilter[] = filterOperator === 'and' || current.length <= 1 ? current : [{ operator: 'or', filters: [...current] }]
    return this.#with({ filterOperator: 'and', filters: [...kept, ...compiled] })
  }

  /** Top-level filters: every one must match (the default). */
  matchAll(): QueryBuilder {
    return this.#with({ filterOperator: 'and' })
  }

  /** Top-level filters: any one may match. */
  matchAny(): QueryBuilder {
    return this.#with({ filterOperator: 'or' })
  }

  /** Adds a sort; earlier sorts win. Empty cells sort last either way. */
  sort(property: string, direction: SortDirection = 'ascending'): QueryBuilder {
    if (direction !== 'ascending' && direction !== 'descending') {
      throw new InvalidQueryError('invalid_sort', `Sort direction must be "ascending" or "descending", got ${describe(direction)}`)
    }
    const { id } = resolveProperty(this.schema, property)
    return this.#with({ sorts: [...this.#state.sorts, { property: id, direction }] })
  }

  /**
   * Adds an aggregation reducer; its result is `reducerResults[name].aggregationResult`.
   * `property` null counts rows. The name defaults to `<property id>:<aggregator>`.
   * @example query.aggregate('estimatedValue', 'sum', 'total_value')
   */
  aggregate(property: string | null, aggregator: Aggregator, name?: string): QueryBuilder {
    if (!KNOWN_AGGREGATORS.has(aggregator)) {
      throw new InvalidQueryError('invalid_aggregator', `Unknown aggregator ${describe(aggregator)}; known: ${AGGREGATORS.join(', ')}`)
    }
    let id: string | undefined
    if (property === null) {
      if (aggregator !== 'count') throw new InvalidQueryError('invalid_aggregator', `Aggregator "${aggregator}" needs a property; only "count" counts rows`)
    } else {
      const resolved = resolveProperty(this.schema, property)
      const allowed = aggregatorsFor(resolved)
      if (!allowed.includes(aggregator)) {
        throw new InvalidQueryError(
          'invalid_aggregator',
          `Property ${JSON.stringify(resolved.name)} (${resolved.type}) has no aggregator "${aggregator}"; it accepts ${allowed.join(', ')}`,
        )
      }
      id = resolved.id
    }
    const reducerName = name ?? `${id ?? 'rows'}:${aggregator}`
    if (reducerName === RESULTS_REDUCER || reducerName === GROUPS_REDUCER || this.#state.aggregations.some((a) => a.name === reducerName)) {
      throw new InvalidQueryError('invalid_option', `Reducer name ${JSON.stringify(reducerName)} is already used`)
    }
    return this.#with({ aggregations: [...this.#state.aggregations, { name: reducerName, property: id, aggregator }] })
  }

  /**
   * Groups rows by a property (board columns, grouped tables): a `groups` reducer named
   * `collection_groups`. `sort` orders groups not in the schema's options; `limit` pages each group.
   */
  groupBy(
    property: string,
    options: { sort?: 'manual' | 'ascending' | 'descending'; hideEmptyGroups?: boolean; limit?: number } = {},
  ): QueryBuilder {
    const resolved = resolveProperty(this.schema, property)
    const sort = options.sort ?? 'manual'
    if (!['manual', 'ascending', 'descending'].includes(sort)) {
      throw new InvalidQueryError('invalid_sort', `Group sort must be "manual", "ascending" or "descending", got ${describe(sort)}`)
    }
    const limit = options.limit === undefined ? undefined : validLimit(options.limit, 'groupBy limit')
    return this.#with({ groupBy: { property: resolved.id, type: resolved.type, sort, hideEmptyGroups: options.hideEmptyGroups, limit } })
  }

  /** Full-text search over title and text properties (`loader.searchQuery`). */
  search(text: string): QueryBuilder {
    if (typeof text !== 'string') throw new InvalidQueryError('invalid_option', `Search text must be a string, got ${describe(text)}`)
    return this.#with({ search: text })
  }

  /** The reducer loader: results, then groups, then aggregations. */
  toLoader(options: { limit?: number | undefined; userTimeZone?: string | undefined; userId?: string | undefined } = {}): QueryLoaderBody {
    const limit = validLimit(options.limit ?? 100, 'limit')
    const reducers: Record<string, ReducerBody> = { [RESULTS_REDUCER]: { type: 'results', limit } }
    const { groupBy, aggregations, sorts, search } = this.#state
    if (groupBy) {
      const groupLimit = groupBy.limit ?? limit
      reducers[GROUPS_REDUCER] = {
        type: 'groups',
        version: 'v2',
        groupBy: {
          property: groupBy.property,
          type: groupBy.type,
          sort: { type: groupBy.sort },
          ...(groupBy.hideEmptyGroups === undefined ? {} : { hideEmptyGroups: groupBy.hideEmptyGroups }),
        },
        limit: groupLimit,
        blockResults: { defaultLimit: groupLimit },
      }
    }
    for (const { name, property, aggregator } of aggregations) {
      reducers[name] = { type: 'aggregation', aggregation: property === undefined ? { aggregator } : { property, aggregator } }
    }
    const loader: QueryLoaderBody = { type: 'reducer', reducers, searchQuery: search, userTimeZone: options.userTimeZone ?? this.timeZone }
    if (sorts.length > 0) loader.sort = this.sorts
    const filter = this.filterGroup
    if (filter) loader.filter = filter
    if (options.userId !== undefined) loader.userId = options.userId
    return loader
  }

  /**
   * The queryCollection body: `collection` and `source` (both, as the web app sends), the view, and
   * the reducer loader.
   * @example await transport.post('queryCollection', query.toQueryCollectionBody({ collectionId, viewId, spaceId, limit: 50 }))
   */
  toQueryCollectionBody(options: QueryBodyOptions): QueryCollectionBody {
    const pointer = (id: string) => (options.spaceId === undefined ? { id } : { id, spaceId: options.spaceId })
    const body: QueryCollectionBody = {
      collection: pointer(options.collectionId),
      source: { type: 'collection', ...pointer(options.collectionId) },
      loader: this.toLoader(options),
    }
    if (options.viewId !== undefined) body.collectionView = pointer(options.viewId)
    return body
  }

  #compile(filter: FilterInput, where: string): QueryFilter {
    if (filter === null || typeof filter !== 'object') {
      throw new InvalidQueryError('invalid_option', `A filter must be where(...), and(...) or or(...), got ${describe(filter)} (${where})`)
    }
    if (isGroupInput(filter)) {
      if (filter.operator !== 'and' && filter.operator !== 'or') {
        throw new InvalidQueryError('invalid_option', `A filter group's operator must be "and" or "or", got ${describe(filter.operator)} (${where})`)
      }
      return { operator: filter.operator, filters: filter.filters.map((child, index) => this.#compile(child, `${where}.${index}`)) }
    }
    const property = resolveProperty(this.schema, filter.property)
    const operator = filter.operator
    this.#checkOperator(property, operator)
    return this.#leaf(property, operator as FilterOperator, filter.value, 'value' in filter)
  }

  #checkOperator(property: SchemaProperty, operator: unknown): void {
    const allowed = filterOperatorsFor(property)
    if (typeof operator !== 'string' || !KNOWN_OPERATORS.has(operator)) {
      throw new InvalidQueryError('invalid_operator', `Unknown filter operator ${describe(operator)} for property ${JSON.stringify(property.name)} (${property.type}); it accepts ${allowed.join(', ')}`)
    }
    if (!allowed.includes(operator as FilterOperator)) {
      throw new InvalidQueryError('invalid_operator', `Property ${JSON.stringify(property.name)} (${property.type}) has no filter "${operator}"; it accepts ${allowed.join(', ')}`)
    }
  }

  /** One leaf in wire form; lists of enum values become or/and groups of leaves, as Notion saves them. */
  #leaf(property: SchemaProperty, operator: FilterOperator, value: unknown, hasValue: boolean): QueryFilter {
    const bad = (accepts: string): never => {
      throw new InvalidQueryError('invalid_value', `Filter "${operator}" on ${JSON.stringify(property.name)} (${property.type}) takes ${accepts}, got ${hasValue ? describe(value) : 'no value'}`)
    }
    const leaf = (operand: unknown): QueryFilterLeaf => ({
      property: property.id,
      filter: operand === undefined ? { operator } : { operator, value: operand },
    })
    const exact = (inner: unknown) => leaf({ type: 'exact', value: inner })
    const day = (input: unknown): string | undefined => {
      if (input instanceof Date) return Number.isNaN(input.getTime()) ? undefined : dayString(wallClockOf(input, this.timeZone))
      return typeof input === 'string' && DAY.test(input) && !Number.isNaN(Date.parse(input)) ? input : undefined
    }
    const id = (input: unknown): string | undefined => {
      if (typeof input === 'string' && input.trim() !== '') return input
      if (input !== null && typeof input === 'object' && typeof (input as { id?: unknown }).id === 'string') return (input as { id: string }).id
      return undefined
    }

    if (operator === 'is_empty' || operator === 'is_not_empty') {
      if (value !== undefined) bad('no value')
      return leaf(undefined)
    }
    if (operator.startsWith('string_')) return typeof value === 'string' ? exact(value) : bad('a string')
    if (operator.startsWith('number_')) return typeof value === 'number' && Number.isFinite(value) ? exact(value) : bad('a finite number')
    if (operator.startsWith('checkbox_')) return typeof value === 'boolean' ? exact(value) : bad('a boolean')
    if (operator.startsWith('enum_')) {
      const values = Array.isArray(value) ? value : [value]
      if (values.length === 0 || !values.every((item) => typeof item === 'string' && item !== '')) bad('an option value or a non-empty list of them')
      if (values.length === 1) return exact(values[0])
      const positive = operator === 'enum_is' || operator === 'enum_contains'
      return { operator: positive ? 'or' : 'and', filters: values.map((item) => exact(item)) }
    }
    if (operator === 'date_is_within') {
      if (typeof value === 'string' && (RELATIVE_DATE_RANGES as readonly string[]).includes(value)) return leaf({ type: 'relative', value })
      const range = value as { start?: unknown; end?: unknown } | null
      const [start, end] = range && typeof range === 'object' && !(range instanceof Date) ? [day(range.start), day(range.end)] : []
      if (start === undefined || end === undefined) return bad(`${RELATIVE_DATE_RANGES.join(', ')}, or {start, end} days`)
      const [from, to] = start <= end ? [start, end] : [end, start]
      return exact({ type: 'daterange', start_date: from, end_date: to })
    }
    if (operator.startsWith('date_')) {
      if (typeof value === 'string' && (RELATIVE_DATES as readonly string[]).includes(value)) return leaf({ type: 'relative', value })
      const exactDay = day(value)
      return exactDay === undefined ? bad(`a Date, a 'YYYY-MM-DD' day, or one of ${RELATIVE_DATES.join(', ')}`) : exact({ type: 'date', start_date: exactDay })
    }
    if (operator.startsWith('person_')) {
      if (value === 'me') return leaf({ type: 'relative', value: 'me' })
      const userId = id(value)
      return userId === undefined ? bad("a user id, a user, or 'me'") : exact({ table: 'notion_user', id: userId })
    }
    // relation_contains / relation_does_not_contain
    const pageId = id(value)
    return pageId === undefined ? bad('a page id or a page') : exact(pageId)
  }

  #checkWire(filter: QueryFilter, dropUnknown: boolean): QueryFilter | undefined {
    if (filter === null || typeof filter !== 'object') throw new InvalidQueryError('invalid_option', `Not a filter: ${describe(filter)}`)
    if ('filters' in filter && Array.isArray(filter.filters)) {
      const operator = filter.operator ?? 'and'
      if (operator !== 'and' && operator !== 'or') throw new InvalidQueryError('invalid_option', `A filter group's operator must be "and" or "or", got ${describe(operator)}`)
      const filters = filter.filters.flatMap((child) => this.#checkWire(child, dropUnknown) ?? [])
      return { operator, filters }
    }
    const leaf = filter as QueryFilterLeaf
    let property: SchemaProperty
    try {
      property = resolveProperty(this.schema, leaf.property)
    } catch (error) {
      if (dropUnknown && UnknownPropertyError.isUnknownPropertyError(error)) return undefined
      throw error
    }
    const operator = leaf.filter?.operator
    if (typeof operator !== 'string' || !KNOWN_OPERATORS.has(operator)) this.#checkOperator(property, operator)
    return { ...structuredClone(leaf), property: property.id }
  }
}

