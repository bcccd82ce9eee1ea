import type { IdInput } from '../properties/propertyValueMap.js'
import type { FilterOperator, RelativeDate, RelativeDateRange } from './queryOperators.js'

/** A day for date filters: a `Date` (its day in the query's time zone) or `YYYY-MM-DD`. */
export type FilterDay = Date | string

/** The value each filter operator takes. A list for `enum_*` matches any (`is`) or none (`is_not`) of them. */
export interface FilterValueMap {
  string_is: string
  string_is_not: string
  string_contains: string
  string_does_not_contain: string
  string_starts_with: string
  string_ends_with: string
  number_equals: number
  number_does_not_equal: number
  number_greater_than: number
  number_less_than: number
  number_greater_than_or_equal_to: number
  number_less_than_or_equal_to: number
  enum_is: string | readonly string[]
  enum_is_not: string | readonly string[]
  enum_contains: string | readonly string[]
  enum_does_not_contain: string | readonly string[]
  date_is: FilterDay | RelativeDate
  date_is_before: FilterDay | RelativeDate
  date_is_after: FilterDay | RelativeDate
  date_is_on_or_before: FilterDay | RelativeDate
  date_is_on_or_after: FilterDay | RelativeDate
  date_is_within: RelativeDateRange | { start: FilterDay; end: FilterDay }
  /** `'me'` is whoever runs the query. */
  person_contains: IdInput | 'me'
  person_does_not_contain: IdInput | 'me'
  relation_contains: IdInput
  relation_does_not_contain: IdInput
  checkbox_is: boolean
  checkbox_is_not: boolean
  is_empty: never
  is_not_empty: never
}

/** `[]` for operators without a value, `[value]` for the others. */
export type FilterValueArgs<O extends FilterOperator> = [FilterValueMap[O]] extends [never] ? [] : [value: FilterValueMap[O]]

/** A filter on one property; `property` is an id, a name or a slug. */
export interface FilterLeafInput<O extends FilterOperator = FilterOperator> {
  property: string
  operator: O
  value?: FilterValueMap[O]
}

/** Filters combined: all of them (`and`) or any (`or`); groups nest. */
export interface FilterGroupInput {
  operator: 'and' | 'or'
  filters: readonly FilterInput[]
}

export type FilterInput = FilterLeafInput | FilterGroupInput

/**
 * A filter on one property, typed by operator.
 * @example where('Estimated value', 'number_greater_than', 10)
 * @example where('tags', 'is_empty')
 */
export function where<O extends FilterOperator>(property: string, operator: O, ...value: FilterValueArgs<O>): FilterLeafInput<O> {
  return value.length === 0 ? { property, operator } : { property, operator, value: value[0] as FilterValueMap[O] }
}

/** Rows matching every filter. */
export function and(...filters: FilterInput[]): FilterGroupInput {
  return { operator: 'and', filters }
}

/** Rows matching any filter. */
export function or(...filters: FilterInput[]): FilterGroupInput {
  return { operator: 'or', filters }
}
