import type { CollectionProperty } from '@notion-rx/protocol'

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

const pick = <T extends string>(prefix: string, all: readonly T[]) => all.filter((operator) => operator.startsWith(prefix))
const EMPTY: readonly FilterOperator[] = ['is_empty', 'is_not_empty']
const STRING = [...pick('string_', FILTER_OPERATORS), ...EMPTY]
const NUMBER = [...pick('number_', FILTER_OPERATORS), ...EMPTY]
const DATE = [...pick('date_', FILTER_OPERATORS), ...EMPTY]
const CHECKBOX = pick('checkbox_', FILTER_OPERATORS)
const PERSON = [...pick('person_', FILTER_OPERATORS), ...EMPTY]

const OPERATORS_BY_TYPE: Readonly<Record<string, readonly FilterOperator[]>> = {
  title: STRING,
  text: STRING,
  url: STRING,
  email: STRING,
  phone_number: STRING,
  number: NUMBER,
  auto_increment_id: NUMBER,
  unique_id: NUMBER,
  select: ['enum_is', 'enum_is_not', ...EMPTY],
  status: ['enum_is', 'enum_is_not', ...EMPTY],
  multi_select: ['enum_contains', 'enum_does_not_contain', ...EMPTY],
  date: DATE,
  created_time: pick('date_', FILTER_OPERATORS),
  last_edited_time: pick('date_', FILTER_OPERATORS),
  person: PERSON,
  created_by: pick('person_', FILTER_OPERATORS),
  last_edited_by: pick('person_', FILTER_OPERATORS),
  relation: [...pick('relation_', FILTER_OPERATORS), ...EMPTY],
  checkbox: CHECKBOX,
  file: EMPTY,
}

const FORMULA_OPERATORS: Readonly<Record<string, readonly FilterOperator[]>> = {
  text: STRING,
  number: NUMBER,
  checkbox: CHECKBOX,
  boolean: CHECKBOX,
  date: DATE,
}

/**
 * The filter operators a property accepts, as the Notion UI offers them. Formulas follow their
 * `result_type`; rollups and types notion-rx does not know accept every operator.
 */
export function filterOperatorsFor(property: Pick<CollectionProperty, 'type' | 'formula'>): readonly FilterOperator[] {
  if (property.type === 'formula') {
    const resultType = property.formula?.['result_type']
    return (typeof resultType === 'string' ? FORMULA_OPERATORS[resultType] : undefined) ?? FILTER_OPERATORS
  }
  return OPERATORS_BY_TYPE[property.type] ?? FILTER_OPERATORS
}

const COUNTS: readonly Aggregator[] = ['count', 'count_values', 'unique', 'empty', 'not_empty', 'percent_empty', 'percent_not_empty']
const NUMERIC: readonly Aggregator[] = [...COUNTS, 'sum', 'average', 'median', 'min', 'max', 'range']
const DATES: readonly Aggregator[] = [...COUNTS, 'earliest_date', 'latest_date', 'date_range']
const CHECKS: readonly Aggregator[] = ['count', 'checked', 'unchecked', 'percent_checked', 'percent_unchecked']

/** The aggregators a property accepts (the "Calculate" menu of a table footer). */
export function aggregatorsFor(property: Pick<CollectionProperty, 'type' | 'formula'>): readonly Aggregator[] {
  const type = property.type === 'formula' ? property.formula?.['result_type'] : property.type
  switch (type) {
    case 'number':
    case 'auto_increment_id':
    case 'unique_id':
      return NUMERIC
    case 'date':
    case 'created_time':
    case 'last_edited_time':
      return DATES
    case 'checkbox':
    case 'boolean':
      return CHECKS
    case 'rollup':
    case 'formula':
    case undefined:
      return AGGREGATORS
    default:
      return typeof type === 'string' && (type in OPERATORS_BY_TYPE || type === 'text') ? COUNTS : AGGREGATORS
  }
}
