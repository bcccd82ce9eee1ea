import type { QueryFilter } from '../endpoints/queryCollection.js'
import { FILTER_OPERATORS, type FilterOperator } from '../endpoints/queryVocabulary.js'
import { QueryEvaluationError } from './queryEvaluationError.js'
import type { QueryRow } from './queryRow.js'
import { isCalendarDay, shiftDay, type CalendarDay } from './calendarDay.js'
import { isEmptyValue, textOf, valuesOf, type CellValue } from './cellKind.js'
import type { CellReader } from './cellValue.js'

export type RowPredicate = (row: QueryRow) => boolean

export interface FilterContext {
  reader: CellReader
  /** Who "me" is in person filters (`loader.userId`, else the caller). */
  userId: string | undefined
  /** Today in the caller's time zone, for relative dates. */
  today: CalendarDay
}


const KNOWN_OPERATORS: ReadonlySet<string> = new Set(FILTER_OPERATORS)

const ALWAYS: RowPredicate = () => true

/** A day range `[from, to]`, both inclusive. */
interface DayRange {
  from: CalendarDay
  to: CalendarDay
}

const RELATIVE_DAYS: Record<string, { days?: number; months?: number; years?: number }> = {
  today: {},
  tomorrow: { days: 1 },
  yesterday: { days: -1 },
  one_week_ago: { days: -7 },
  one_week_from_now: { days: 7 },
  one_month_ago: { months: -1 },
  one_month_from_now: { months: 1 },
  one_year_ago: { years: -1 },
  one_year_from_now: { years: 1 },
}

const RELATIVE_RANGES: Record<string, (today: CalendarDay) => DayRange> = {
  the_past_week: (today) => ({ from: shiftDay(today, { days: -7 }), to: today }),
  the_next_week: (today) => ({ from: today, to: shiftDay(today, { days: 7 }) }),
  the_past_month: (today) => ({ from: shiftDay(today, { months: -1 }), to: today }),
  the_next_month: (today) => ({ from: today, to: shiftDay(today, { months: 1 }) }),
  the_past_year: (today) => ({ from: shiftDay(today, { years: -1 }), to: today }),
  the_next_year: (today) => ({ from: today, to: shiftDay(today, { years: 1 }) }),
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * The operand of a leaf: `{type:"exact", value}` / `{type:"relative", value}`, or a bare value from
 * hand-written filters. `undefined` when the leaf has no operand (an unfinished filter in the UI).
 */
function operandOf(value: unknown): { relative: boolean; value: unknown } | undefined {
  if (value === undefined || value === null) return undefined
  if (isObject(value) && (value['type'] === 'exact' || value['type'] === 'relative')) {
    const inner = value['value']
    return inner === undefined || inner === null ? undefined : { relative: value['type'] === 'relative', value: inner }
  }
  return { relative: false, value }
}

function fail(path: string, message: string): never {
  throw new QueryEvaluationError(message, path)
}

function operandDay(operand: { relative: boolean; value: unknown }, context: FilterContext, path: string): CalendarDay {
  const { value } = operand
  if (typeof value === 'string' && value in RELATIVE_DAYS) return shiftDay(context.today, RELATIVE_DAYS[value]!)
  if (isCalendarDay(value)) return value
  if (isObject(value) && isCalendarDay(value['start_date'])) return value['start_date']
  return fail(path, `Unsupported date filter value ${JSON.stringify(value)}`)
}

function operandRange(operand: { relative: boolean; value: unknown }, context: FilterContext, path: string): DayRange {
  const { value } = operand
  if (typeof value === 'string' && value in RELATIVE_RANGES) return RELATIVE_RANGES[value]!(context.today)
  if (isObject(value) && isCalendarDay(value['start_date'])) {
    const end = isCalendarDay(value['end_date']) ? value['end_date'] : value['start_date']
    return { from: value['start_date'], to: end }
  }
  return fail(path, `Unsupported date range ${JSON.stringify(value)}`)
}

/** Record ids named by a person/relation operand: an id, `{id}`, `{table,id}`, a list of those, or "me". */
function operandIds(operand: { relative: boolean; value: unknown }, context: FilterContext): string[] {
  const items = Array.isArray(operand.value) ? operand.value : [operand.value]
  return items.flatMap((item: unknown) => {
    if (item === 'me') return context.userId ? [context.userId] : []
    if (typeof item === 'string') return [item]
    if (isObject(item) && typeof item['id'] === 'string') return [item['id']]
    return []
  })
}

function operandStrings(operand: { value: unknown }): string[] {
  const items = Array.isArray(operand.value) ? operand.value : [operand.value]
  return items.flatMap((item: unknown) =>
    typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? [String(item)] : [],
  )
}

function operandBoolean(operand: { value: unknown }, path: string): boolean {
  const { value } = operand
  if (value === true || value === 'true' || value === 'Yes') return true
  if (value === false || value === 'false' || value === 'No') return false
  return fail(path, `Checkbox filter value must be true or false, got ${JSON.stringify(value)}`)
}

function numberOf(value: CellValue): number | undefined {
  if (value.kind === 'number') return value.number
  const text = textOf(value).trim()
  const number = text === '' ? Number.NaN : Number(text)
  return Number.isFinite(number) ? number : undefined
}

function idsOf(value: CellValue): string[] {
  return value.kind === 'ids' ? value.ids : valuesOf(value)
}

/** Compiles one leaf into a predicate over a decoded cell. */
function compileLeaf(
  operator: FilterOperator,
  rawValue: unknown,
  context: FilterContext,
  path: string,
): ((cell: CellValue) => boolean) | undefined {
  if (operator === 'is_empty') return isEmptyValue
  if (operator === 'is_not_empty') return (cell) => !isEmptyValue(cell)
  const operand = operandOf(rawValue)
  // Notion keeps half-built filters (no value yet) and ignores them when querying.
  if (!operand) return undefined
  switch (operator) {
    case 'string_is':
    case 'string_is_not':
    case 'string_contains':
    case 'string_does_not_contain':
    case 'string_starts_with':
    case 'string_ends_with': {
      const needle = String(operand.value).toLowerCase()
      if (operator === 'string_is') return (cell) => textOf(cell).toLowerCase() === needle
      if (operator === 'string_is_not') return (cell) => textOf(cell).toLowerCase() !== needle
      if (operator === 'string_contains') return (cell) => textOf(cell).toLowerCase().includes(needle)
      if (operator === 'string_does_not_contain') return (cell) => !textOf(cell).toLowerCase().includes(needle)
      if (operator === 'string_starts_with') return (cell) => textOf(cell).toLowerCase().startsWith(needle)
      return (cell) => textOf(cell).toLowerCase().endsWith(needle)
    }
    case 'number_equals':
    case 'number_does_not_equal':
    case 'number_greater_than':
    case 'number_less_than':
    case 'number_greater_than_or_equal_to':
    case 'number_less_than_or_equal_to': {
      const target = typeof operand.value === 'number' ? operand.value : Number(operand.value)
      if (!Number.isFinite(target)) fail(path, `Number filter value must be a number, got ${JSON.stringify(operand.value)}`)
      const test: (n: number) => boolean = {
        number_equals: (n: number) => n === target,
        number_does_not_equal: (n: number) => n !== target,
        number_greater_than: (n: number) => n > target,
        number_less_than: (n: number) => n < target,
        number_greater_than_or_equal_to: (n: number) => n >= target,
        number_less_than_or_equal_to: (n: number) => n <= target,
      }[operator]
      // An empty cell equals nothing, so only "does not equal" keeps it.
      return (cell) => {
        const n = numberOf(cell)
        return n === undefined ? operator === 'number_does_not_equal' : test(n)
      }
    }
    case 'enum_is':
    case 'enum_contains':
    case 'enum_is_not':
    case 'enum_does_not_contain': {
      const wanted = operandStrings(operand)
      const positive = operator === 'enum_is' || operator === 'enum_contains'
      return (cell) => {
        // Board columns of a checkbox are filtered with enum_is true/false.
        const values = cell.kind === 'checkbox' ? [cell.checked ? 'Yes' : 'No', String(cell.checked)] : valuesOf(cell)
        const hit = wanted.some((value) => values.includes(value))
        return positive ? hit : !hit
      }
    }
    case 'date_is_within': {
      const range = operandRange(operand, context, path)
      return (cell) => cell.kind === 'date' && cell.date !== undefined && cell.date.startDay >= range.from && cell.date.startDay <= range.to
    }
    case 'date_is':
    case 'date_is_before':
    case 'date_is_after':
    case 'date_is_on_or_before':
    case 'date_is_on_or_after': {
      const day = operandDay(operand, context, path)
      return (cell) => {
        if (cell.kind !== 'date' || !cell.date) return false
        const { startDay, endDay } = cell.date
        switch (operator) {
          case 'date_is':
            return startDay <= day && day <= (endDay ?? startDay)
          case 'date_is_before':
            return startDay < day
          case 'date_is_after':
            return startDay > day
          case 'date_is_on_or_before':
            return startDay <= day
          case 'date_is_on_or_after':
            return startDay >= day
        }
      }
    }
    case 'person_contains':
    case 'person_does_not_contain':
    case 'relation_contains':
    case 'relation_does_not_contain': {
      const wanted = operandIds(operand, context)
      const positive = operator === 'person_contains' || operator === 'relation_contains'
      return (cell) => {
        const hit = wanted.some((id) => idsOf(cell).includes(id))
        return positive ? hit : !hit
      }
    }
    case 'checkbox_is':
    case 'checkbox_is_not': {
      const wanted = operandBoolean(operand, path) === (operator === 'checkbox_is')
      return (cell) => (cell.kind === 'checkbox' ? cell.checked : !isEmptyValue(cell)) === wanted
    }
  }
}

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
  if (!context.reader.schema.has(property)) fail(`${path}.property`, `Unknown property "${property}"`)
  if (!KNOWN_OPERATORS.has(operator)) fail(`${path}.filter.operator`, `Unknown filter operator "${operator}"`)
  const test = compileLeaf(operator as FilterOperator, value, context, `${path}.filter.value`)
  if (!test) return ALWAYS
  return (row) => test(context.reader.read(row, property))
}
