/**
 * The words of queryCollection's filters and reducers (docs/protocol.md#querycollection): leaf filter operators,
 * aggregators and relative dates. One list, used by the SDK's query builder and the emulator.
 */

/** Leaf filter operators of query2 filters and the reducer loader, by family. */
export const FILTER_OPERATORS = [
  'string_is',
  'string_is_not',
  'string_contains',
  'string_does_not_contain',
  'string_starts_with',
  'string_ends_with',
  'number_equals',
  'number_does_not_equal',
  'number_greater_than',
  'number_less_than',
  'number_greater_than_or_equal_to',
  'number_less_than_or_equal_to',
  'enum_is',
  'enum_is_not',
  'enum_contains',
  'enum_does_not_contain',
  'date_is',
  'date_is_before',
  'date_is_after',
  'date_is_on_or_before',
  'date_is_on_or_after',
  'date_is_within',
  'person_contains',
  'person_does_not_contain',
  'relation_contains',
  'relation_does_not_contain',
  'checkbox_is',
  'checkbox_is_not',
  'is_empty',
  'is_not_empty',
] as const
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

/** Aggregators of the reducer API (`{type:"aggregation", aggregation:{property, aggregator}}`). */
export const AGGREGATORS = [
  'count',
  'count_values',
  'unique',
  'empty',
  'not_empty',
  'percent_empty',
  'percent_not_empty',
  'sum',
  'average',
  'median',
  'min',
  'max',
  'range',
  'checked',
  'unchecked',
  'percent_checked',
  'percent_unchecked',
  'earliest_date',
  'latest_date',
  'date_range',
] as const
export type Aggregator = (typeof AGGREGATORS)[number]

/** Relative values of `date_is`, `date_is_before`, ... (`{type:"relative", value:"today"}`). */
export const RELATIVE_DATES = [
  'today',
  'tomorrow',
  'yesterday',
  'one_week_ago',
  'one_week_from_now',
  'one_month_ago',
  'one_month_from_now',
  'one_year_ago',
  'one_year_from_now',
] as const
export type RelativeDate = (typeof RELATIVE_DATES)[number]

/** Relative ranges of `date_is_within`. */
export const RELATIVE_DATE_RANGES = [
  'the_past_week',
  'the_next_week',
  'the_past_month',
  'the_next_month',
  'the_past_year',
  'the_next_year',
] as const
export type RelativeDateRange = (typeof RELATIVE_DATE_RANGES)[number]
