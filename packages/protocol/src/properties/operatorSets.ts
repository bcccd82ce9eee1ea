import { AGGREGATORS, FILTER_OPERATORS, type Aggregator, type FilterOperator } from '../endpoints/queryVocabulary.js'
import type { PropertyOperators } from './propertyCodec.js'

const pick = (prefix: string) => FILTER_OPERATORS.filter((operator) => operator.startsWith(prefix))
const EMPTY: readonly FilterOperator[] = ['is_empty', 'is_not_empty']

/** Filter operators of the Notion UI, by kind of property. */
export const FILTERS = {
  empty: EMPTY,
  string: [...pick('string_'), ...EMPTY],
  number: [...pick('number_'), ...EMPTY],
  date: [...pick('date_'), ...EMPTY],
  /** created and edited times are never empty. */
  dateSet: pick('date_'),
  checkbox: pick('checkbox_'),
  person: [...pick('person_'), ...EMPTY],
  /** created and edited by are never empty. */
  personSet: pick('person_'),
  relation: [...pick('relation_'), ...EMPTY],
  select: ['enum_is', 'enum_is_not', ...EMPTY],
  multiSelect: ['enum_contains', 'enum_does_not_contain', ...EMPTY],
  all: FILTER_OPERATORS,
} as const satisfies Record<string, readonly FilterOperator[]>

const COUNTS: readonly Aggregator[] = ['count', 'count_values', 'unique', 'empty', 'not_empty', 'percent_empty', 'percent_not_empty']

/** Aggregators of a table footer's "Calculate" menu, by kind of property. */
export const AGGREGATES = {
  counts: COUNTS,
  numeric: [...COUNTS, 'sum', 'average', 'median', 'min', 'max', 'range'],
  dates: [...COUNTS, 'earliest_date', 'latest_date', 'date_range'],
  checks: ['count', 'checked', 'unchecked', 'percent_checked', 'percent_unchecked'],
  all: AGGREGATORS,
} as const satisfies Record<string, readonly Aggregator[]>

/** Every operator and aggregator: for types whose values may be of any kind. */
export const ANY_OPERATORS: PropertyOperators = { filterOperators: FILTERS.all, aggregators: AGGREGATES.all }
