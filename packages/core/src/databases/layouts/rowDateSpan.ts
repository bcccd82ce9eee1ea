import { dayString, formulaDateEnd, formulaDateHasTime, timeString, wallClockOf } from '@notion-rx/protocol'
import type { CollectionSchema, RowValue, SchemaProperty } from '../properties/collectionSchema.js'
import { decodeProperty } from '../properties/decodeProperty.js'
import type { PropertyDate } from '../properties/propertyDate.js'

/**
 * Where a row sits on a calendar or timeline: its date, and the wall clocks it starts and ends at
 * (`YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with a time), which sort like the moments they name.
 */
export interface RowDateSpan {
  /** The date as notion-rx reads date properties; instants (created time, formulas) as wall clocks in the layout's zone. */
  readonly date: PropertyDate
  readonly start: string
  /** The range's end; `start` for a single date (and for a stored range that ends before it starts). */
  readonly end: string
  readonly startDay: string
  readonly endDay: string
}

function wallOf(instant: Date, timeZone: string, withTime: boolean): string {
  const wall = wallClockOf(instant, timeZone)
  return withTime ? `${dayString(wall)}T${timeString(wall)}` : dayString(wall)
}

function spanOf(date: PropertyDate): RowDateSpan {
  const start = date.start
  const end = date.end !== undefined && date.end > start ? date.end : start
  return { date, start, end, startDay: start.slice(0, 10), endDay: end.slice(0, 10) }
}

/**
 * A decoded value as a span: a date property's `PropertyDate` keeps its own wall clocks (Notion
 * shows a date on the day it was written for); a `Date` (created/edited time, a formula) is an
 * instant, placed at its wall clock in `timeZone`.
 */
export function dateSpanOf(value: unknown, timeZone: string): RowDateSpan | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined
    const withTime = formulaDateHasTime(value)
    const endInstant = formulaDateEnd(value)
    const date: PropertyDate = { start: wallOf(value, timeZone, withTime), includeTime: withTime, timeZone }
    if (endInstant && !Number.isNaN(endInstant.getTime())) date.end = wallOf(endInstant, timeZone, withTime)
    return spanOf(date)
  }
  if (value !== null && typeof value === 'object' && typeof (value as PropertyDate).start === 'string') return spanOf(value as PropertyDate)
  return undefined
}

/** The span of one row for a layout property (`undefined` when the row has no date there). */
export function rowDateSpan(property: SchemaProperty, row: RowValue | undefined, schema: CollectionSchema, timeZone: string): RowDateSpan | undefined {
  if (!row) return undefined
  // Formulas are evaluated in the layout's zone, so date-only results keep their day.
  return dateSpanOf(decodeProperty(property, row, { schema, timeZone }), timeZone)
}
