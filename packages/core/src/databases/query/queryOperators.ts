import type { CollectionProperty } from '@notion-rx/protocol'

// The vocabulary itself is protocol: the emulator evaluates the same words.
import { AGGREGATORS, FILTER_OPERATORS, type Aggregator, type FilterOperator } from '@notion-rx/protocol'

export { AGGREGATORS, FILTER_OPERATORS, RELATIVE_DATE_RANGES, RELATIVE_DATES } from '@notion-rx/protocol'
export type { Aggregator, FilterOperator, RelativeDate, RelativeDateRange } from '@notion-rx/protocol'

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
