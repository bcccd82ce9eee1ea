import { isCalendarDay, shiftDay, type CalendarDay } from './calendarDay.js'
import type { FilterContext } from './filterContext.js'
import { QueryEvaluationError } from './queryEvaluationError.js'

/** The value a filter leaf compares cells with, and whether Notion marked it relative ("today"). */
export interface FilterOperand {
  relative: boolean
  value: unknown
}

/** A day range `[from, to]`, both inclusive. */
export interface DayRange {
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
export function operandOf(value: unknown): FilterOperand | undefined {
  if (value === undefined || value === null) return undefined
  if (isObject(value) && (value['type'] === 'exact' || value['type'] === 'relative')) {
    const inner = value['value']
    return inner === undefined || inner === null ? undefined : { relative: value['type'] === 'relative', value: inner }
  }
  return { relative: false, value }
}

/** Stops compiling: the filter at `path` cannot be evaluated. */
export function rejectFilter(path: string, message: string): never {
  throw new QueryEvaluationError(message, path)
}

export function operandDay(operand: FilterOperand, context: FilterContext, path: string): CalendarDay {
  const { value } = operand
  if (typeof value === 'string' && value in RELATIVE_DAYS) return shiftDay(context.today, RELATIVE_DAYS[value]!)
  if (isCalendarDay(value)) return value
  if (isObject(value) && isCalendarDay(value['start_date'])) return value['start_date']
  return rejectFilter(path, `Unsupported date filter value ${JSON.stringify(value)}`)
}

export function operandRange(operand: FilterOperand, context: FilterContext, path: string): DayRange {
  const { value } = operand
  if (typeof value === 'string' && value in RELATIVE_RANGES) return RELATIVE_RANGES[value]!(context.today)
  if (isObject(value) && isCalendarDay(value['start_date'])) {
    const end = isCalendarDay(value['end_date']) ? value['end_date'] : value['start_date']
    return { from: value['start_date'], to: end }
  }
  return rejectFilter(path, `Unsupported date range ${JSON.stringify(value)}`)
}

/** Record ids named by a person/relation operand: an id, `{id}`, `{table,id}`, a list of those, or "me". */
export function operandIds(operand: FilterOperand, context: FilterContext): string[] {
  const items = Array.isArray(operand.value) ? operand.value : [operand.value]
  return items.flatMap((item: unknown) => {
    if (item === 'me') return context.userId ? [context.userId] : []
    if (typeof item === 'string') return [item]
    if (isObject(item) && typeof item['id'] === 'string') return [item['id']]
    return []
  })
}

export function operandStrings(operand: FilterOperand): string[] {
  const items = Array.isArray(operand.value) ? operand.value : [operand.value]
  return items.flatMap((item: unknown) =>
    typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? [String(item)] : [],
  )
}

export function operandBoolean(operand: FilterOperand, path: string): boolean {
  const { value } = operand
  if (value === true || value === 'true' || value === 'Yes') return true
  if (value === false || value === 'false' || value === 'No') return false
  return rejectFilter(path, `Checkbox filter value must be true or false, got ${JSON.stringify(value)}`)
}
