import type { FilterOperator } from '../endpoints/queryVocabulary.js'
import type { CalendarDay } from './calendarDay.js'
import { isEmptyValue, textOf, valuesOf, type CellValue } from './cellKind.js'
import type { FilterContext } from './filterContext.js'
import {
  operandBoolean,
  operandDay,
  operandIds,
  operandOf,
  operandRange,
  operandStrings,
  rejectFilter,
  type FilterOperand,
} from './filterOperand.js'

export type CellTest = (cell: CellValue) => boolean

/** Compiles the leaves of one operator family; `operator` is always one of the family's. */
type FamilyCompiler = (operator: FilterOperator, operand: FilterOperand, context: FilterContext, path: string) => CellTest

function numberOf(value: CellValue): number | undefined {
  if (value.kind === 'number') return value.number
  const text = textOf(value).trim()
  const number = text === '' ? Number.NaN : Number(text)
  return Number.isFinite(number) ? number : undefined
}

function idsOf(value: CellValue): string[] {
  return value.kind === 'ids' ? value.ids : valuesOf(value)
}

const STRING_TESTS: Record<string, (text: string, needle: string) => boolean> = {
  string_is: (text, needle) => text === needle,
  string_is_not: (text, needle) => text !== needle,
  string_contains: (text, needle) => text.includes(needle),
  string_does_not_contain: (text, needle) => !text.includes(needle),
  string_starts_with: (text, needle) => text.startsWith(needle),
  string_ends_with: (text, needle) => text.endsWith(needle),
}

const compileString: FamilyCompiler = (operator, operand) => {
  const needle = String(operand.value).toLowerCase()
  const test = STRING_TESTS[operator]!
  return (cell) => test(textOf(cell).toLowerCase(), needle)
}

const NUMBER_TESTS: Record<string, (n: number, target: number) => boolean> = {
  number_equals: (n, target) => n === target,
  number_does_not_equal: (n, target) => n !== target,
  number_greater_than: (n, target) => n > target,
  number_less_than: (n, target) => n < target,
  number_greater_than_or_equal_to: (n, target) => n >= target,
  number_less_than_or_equal_to: (n, target) => n <= target,
}

const compileNumber: FamilyCompiler = (operator, operand, _context, path) => {
  const target = typeof operand.value === 'number' ? operand.value : Number(operand.value)
  if (!Number.isFinite(target)) rejectFilter(path, `Number filter value must be a number, got ${JSON.stringify(operand.value)}`)
  const test = NUMBER_TESTS[operator]!
  // An empty cell equals nothing, so only "does not equal" keeps it.
  const keepsEmpty = operator === 'number_does_not_equal'
  return (cell) => {
    const n = numberOf(cell)
    return n === undefined ? keepsEmpty : test(n, target)
  }
}

const compileEnum: FamilyCompiler = (operator, operand) => {
  const wanted = operandStrings(operand)
  const positive = operator === 'enum_is' || operator === 'enum_contains'
  return (cell) => {
    // Board columns of a checkbox are filtered with enum_is true/false.
    const values = cell.kind === 'checkbox' ? [cell.checked ? 'Yes' : 'No', String(cell.checked)] : valuesOf(cell)
    const hit = wanted.some((value) => values.includes(value))
    return positive ? hit : !hit
  }
}

const compileDateWithin: FamilyCompiler = (_operator, operand, context, path) => {
  const range = operandRange(operand, context, path)
  return (cell) => cell.kind === 'date' && cell.date !== undefined && cell.date.startDay >= range.from && cell.date.startDay <= range.to
}

/** Day comparisons on a cell's start day (and end day, for `date_is` on a range). */
const DATE_TESTS: Record<string, (startDay: CalendarDay, endDay: CalendarDay | undefined, day: CalendarDay) => boolean> = {
  date_is: (startDay, endDay, day) => startDay <= day && day <= (endDay ?? startDay),
  date_is_before: (startDay, _endDay, day) => startDay < day,
  date_is_after: (startDay, _endDay, day) => startDay > day,
  date_is_on_or_before: (startDay, _endDay, day) => startDay <= day,
  date_is_on_or_after: (startDay, _endDay, day) => startDay >= day,
}

const compileDate: FamilyCompiler = (operator, operand, context, path) => {
  const day = operandDay(operand, context, path)
  const test = DATE_TESTS[operator]!
  return (cell) => cell.kind === 'date' && cell.date !== undefined && test(cell.date.startDay, cell.date.endDay, day)
}

const compileIds: FamilyCompiler = (operator, operand, context) => {
  const wanted = operandIds(operand, context)
  const positive = operator === 'person_contains' || operator === 'relation_contains'
  return (cell) => {
    const ids = idsOf(cell)
    const hit = wanted.some((id) => ids.includes(id))
    return positive ? hit : !hit
  }
}

const compileCheckbox: FamilyCompiler = (operator, operand, _context, path) => {
  const wanted = operandBoolean(operand, path) === (operator === 'checkbox_is')
  return (cell) => (cell.kind === 'checkbox' ? cell.checked : !isEmptyValue(cell)) === wanted
}

const FAMILIES: Record<Exclude<FilterOperator, 'is_empty' | 'is_not_empty'>, FamilyCompiler> = {
  string_is: compileString,
  string_is_not: compileString,
  string_contains: compileString,
  string_does_not_contain: compileString,
  string_starts_with: compileString,
  string_ends_with: compileString,
  number_equals: compileNumber,
  number_does_not_equal: compileNumber,
  number_greater_than: compileNumber,
  number_less_than: compileNumber,
  number_greater_than_or_equal_to: compileNumber,
  number_less_than_or_equal_to: compileNumber,
  enum_is: compileEnum,
  enum_contains: compileEnum,
  enum_is_not: compileEnum,
  enum_does_not_contain: compileEnum,
  date_is_within: compileDateWithin,
  date_is: compileDate,
  date_is_before: compileDate,
  date_is_after: compileDate,
  date_is_on_or_before: compileDate,
  date_is_on_or_after: compileDate,
  person_contains: compileIds,
  person_does_not_contain: compileIds,
  relation_contains: compileIds,
  relation_does_not_contain: compileIds,
  checkbox_is: compileCheckbox,
  checkbox_is_not: compileCheckbox,
}

/**
 * Compiles one leaf into a test of a decoded cell; `undefined` for a leaf without an operand, which
 * Notion keeps (a half-built filter in the UI) and ignores when querying.
 */
export function compileLeaf(operator: FilterOperator, rawValue: unknown, context: FilterContext, path: string): CellTest | undefined {
  if (operator === 'is_empty') return isEmptyValue
  if (operator === 'is_not_empty') return (cell) => !isEmptyValue(cell)
  const operand = operandOf(rawValue)
  if (!operand) return undefined
  return FAMILIES[operator](operator, operand, context, path)
}
