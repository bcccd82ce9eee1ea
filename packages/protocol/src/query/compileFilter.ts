import type { QueryFilter } from '../endpoints/queryCollection.js'
import { FILTER_OPERATORS, type FilterOperator } from '../endpoints/queryVocabulary.js'
import { compileLeaf } from './compileLeaf.js'
import type { FilterContext } from './filterContext.js'
import { rejectFilter } from './filterOperand.js'
import type { QueryRow } from './queryRow.js'

export type { FilterContext } from './filterContext.js'

export type RowPredicate = (row: QueryRow) => boolean

const KNOWN_OPERATORS: ReadonlySet<string> = new Set(FILTER_OPERATORS)

const ALWAYS: RowPredicate = () => true

function isGroup(filter: QueryFilter): filter is Extract<QueryFilter, { filters: unknown }> {
  return 'filters' in filter && Array.isArray(filter.filters)
}

/**
 * Compiles a query filter (nested `{operator:"and"|"or", filters}` groups over
 * `{property, filter:{operator, value}}` leaves) into a row predicate. Unknown property ids and
 * operators are a 400 ValidationError naming them and where they are (`path`).
 */
export function compileFilter(filter: QueryFilter | null | undefined, context: FilterContext, path = 'loader.filter'): RowPredicate {
  if (!filter) return ALWAYS
  if (isGroup(filter)) {
    const parts = filter.filters.map((child, index) => compileFilter(child, context, `${path}.filters.${index}`))
    if (parts.length === 0) return ALWAYS
    return filter.operator === 'or' ? (row) => parts.some((part) => part(row)) : (row) => parts.every((part) => part(row))
  }
  const { property } = filter
  const { operator, value } = filter.filter
  if (!context.reader.schema.has(property)) rejectFilter(`${path}.property`, `Unknown property "${property}"`)
  if (!KNOWN_OPERATORS.has(operator)) rejectFilter(`${path}.filter.operator`, `Unknown filter operator "${operator}"`)
  const test = compileLeaf(operator as FilterOperator, value, context, `${path}.filter.value`)
  if (!test) return ALWAYS
  return (row) => test(context.reader.read(row, property))
}
