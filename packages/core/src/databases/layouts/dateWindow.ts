import { dayString, isCalendarDay, isValidTimeZone, wallClockOf } from '@notion-rx/protocol'
import type { SchemaProperty } from '../properties/collectionSchema.js'
import { InvalidQueryError } from '../query/invalidQueryError.js'
import { and, or, where, type FilterInput } from '../query/queryFilter.js'
import type { ViewDateLayout } from './viewDateLayout.js'

/** A window's bounds: a `Date` (its day in the layout's time zone) or a `YYYY-MM-DD` day. Both inclusive. */
export interface DateWindowInput {
  from?: Date | string | undefined
  to?: Date | string | undefined
}

/** Inclusive first and last day (`YYYY-MM-DD`); an absent bound leaves that side open. */
export interface DateWindow {
  readonly from: string | undefined
  readonly to: string | undefined
}

/** A window with both bounds (a calendar's). */
export interface ClosedDateWindow extends DateWindow {
  readonly from: string
  readonly to: string
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'an invalid Date'
  return typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value
}

function dayOf(value: unknown, bound: 'from' | 'to', timeZone: string): string | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date && !Number.isNaN(value.getTime())) return dayString(wallClockOf(value, timeZone))
  if (isCalendarDay(value)) return value
  throw new InvalidQueryError('invalid_option', `Window "${bound}" must be a Date or a 'YYYY-MM-DD' day, got ${describe(value)}`)
}

/**
 * The window as days in `timeZone`.
 * @throws InvalidQueryError `invalid_option` for an unreadable bound or time zone, a missing
 * bound when `required`, or `from` after `to`.
 */
export function readDateWindow(input: DateWindowInput, timeZone: string, required: true): ClosedDateWindow
export function readDateWindow(input: DateWindowInput, timeZone: string, required?: boolean): DateWindow
export function readDateWindow(input: DateWindowInput, timeZone: string, required = false): DateWindow {
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    throw new InvalidQueryError('invalid_option', `Unknown time zone ${JSON.stringify(timeZone)}`)
  }
  if (input === null || typeof input !== 'object') {
    throw new InvalidQueryError('invalid_option', `Expected { from, to } days, got ${describe(input)}`)
  }
  const from = dayOf(input.from, 'from', timeZone)
  const to = dayOf(input.to, 'to', timeZone)
  if (required && (from === undefined || to === undefined)) {
    throw new InvalidQueryError('invalid_option', `A calendar needs both "from" and "to" (the first and last day shown), got ${from ?? 'no from'} and ${to ?? 'no to'}`)
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new InvalidQueryError('invalid_option', `Window "from" (${from}) is after "to" (${to})`)
  }
  return { from, to }
}

/** Whether a span of days shares at least one day with the window. */
export function overlapsWindow(startDay: string, endDay: string, window: DateWindow): boolean {
  return (window.to === undefined || startDay <= window.to) && (window.from === undefined || endDay >= window.from)
}

// Creation and edit times are never empty, and their filters take no is_empty.
const canBeEmpty = (property: SchemaProperty) => property.type !== 'created_time' && property.type !== 'last_edited_time'

/**
 * The server-side filter keeping rows that overlap the window: they start on or before `to`, and
 * end on or after `from`. The date filters compare a cell's start day, except `date_is`, which a
 * range matches on every day it covers, so "ends on or after `from`" is "starts on or after
 * `from`, or covers `from`". With an end property (timelines) a row ends at the later of its two
 * dates, so either one reaching `from` keeps it. `withUndated` also keeps rows without a start
 * date. `undefined` when the window is open on both sides.
 */
export function dateWindowFilter(layout: Pick<ViewDateLayout, 'property' | 'endProperty'>, window: DateWindow, withUndated = false): FilterInput | undefined {
  const start = layout.property.id
  const parts: FilterInput[] = []
  if (window.to !== undefined) parts.push(where(start, 'date_is_on_or_before', window.to))
  if (window.from !== undefined) {
    const from = window.from
    const reaches = (id: string) => [where(id, 'date_is_on_or_after', from), where(id, 'date_is', from)]
    const end = layout.endProperty
    parts.push(or(...reaches(start), ...(end ? reaches(end.id) : [])))
  }
  if (parts.length === 0) return undefined
  const overlap = parts.length === 1 ? parts[0]! : and(...parts)
  return withUndated && canBeEmpty(layout.property) ? or(overlap, where(start, 'is_empty')) : overlap
}
