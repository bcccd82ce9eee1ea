import { dayString, instantOfWallClock, isValidTimeZone, timeString, wallClockOf } from '../query/zonedTime.js'
import type { NotionDate } from '../richText.js'

/** A date property's reminder: `{unit:'minute', value:30}`, or for all-day dates `{unit:'day', value:1, time:'09:00'}`. */
export interface DateReminder {
  unit: 'minute' | 'hour' | 'day' | 'week' | (string & {})
  value: number
  time?: string
}

/**
 * A date property value as notion-rx reads it. Notion stores a wall clock plus an optional IANA
 * zone, not an instant, so `start`/`end` are wall-clock strings: `YYYY-MM-DD` for all-day dates,
 * `YYYY-MM-DDTHH:mm` when `includeTime`. `propertyDateInstants` turns them into `Date`s.
 * @example { start: '2020-01-01T09:30', end: '2020-01-05T20:45', includeTime: true, timeZone: 'America/Los_Angeles', reminder: { unit: 'minute', value: 30 } }
 */
export interface PropertyDate {
  start: string
  end?: string
  includeTime: boolean
  timeZone?: string
  reminder?: DateReminder
  /** Display format kept from Notion (`relative`, `MM/DD/YYYY`, ...). */
  dateFormat?: string
  /** Display format kept from Notion (`H:mm`, `h:mm A`). */
  timeFormat?: string
}

/**
 * What a date property accepts: a `Date`, a string, or an object with `start` (and `end` for a
 * range). Strings are `YYYY-MM-DD` (all-day), `YYYY-MM-DDTHH:mm[:ss]` (a wall clock), or an ISO
 * instant with `Z`/offset (read like a `Date`). `Date`s are instants, written as their wall clock
 * in `timeZone` (default `UTC`, which is then written too, so the instant survives).
 * `includeTime` defaults to whether `start` or `end` carries a time. `start > end` is swapped.
 */
export type PropertyDateInput =
  | Date
  | string
  | {
      start: Date | string
      end?: Date | string | null | undefined
      includeTime?: boolean | undefined
      timeZone?: string | undefined
      reminder?: DateReminder | undefined
      dateFormat?: string | undefined
      timeFormat?: string | undefined
    }

/** The stored date of an input, or why it was refused (core's `toNotionDate` throws that as a DateInputError). */
export type NotionDateOutcome = { readonly date: NotionDate } | { readonly refusal: string }

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i

/** Thrown inside this file only, caught by `notionDateOf`. */
class Refusal {
  readonly reason: string
  constructor(reason: string) {
    this.reason = reason
  }
}

interface WallPoint {
  day: string
  time: string | undefined
}

function validDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
}

function pointOf(value: Date | string, timeZone: string): WallPoint {
  if (value instanceof Date || (typeof value === 'string' && INSTANT.test(value))) {
    const instant = value instanceof Date ? value : new Date(value)
    if (Number.isNaN(instant.getTime())) throw new Refusal('an invalid Date')
    const wall = wallClockOf(instant, timeZone)
    return { day: dayString(wall), time: timeString(wall) }
  }
  if (typeof value !== 'string') throw new Refusal('not a Date or a string')
  const day = DAY.exec(value)
  if (day) {
    if (!validDay(day[1]!, day[2]!, day[3]!)) throw new Refusal(`no such day ${value}`)
    return { day: value, time: undefined }
  }
  const wall = WALL.exec(value)
  if (wall && validDay(wall[1]!, wall[2]!, wall[3]!) && Number(wall[4]) < 24 && Number(wall[5]) < 60) {
    return { day: `${wall[1]}-${wall[2]}-${wall[3]}`, time: `${wall[4]}:${wall[5]}` }
  }
  throw new Refusal(`unreadable date string ${JSON.stringify(value)}`)
}

const isInstant = (value: unknown) => value instanceof Date || (typeof value === 'string' && INSTANT.test(value))

function buildNotionDate(input: PropertyDateInput): NotionDate {
  const spec = input instanceof Date || typeof input === 'string' ? { start: input } : input
  if (spec === null || typeof spec !== 'object' || !('start' in spec)) throw new Refusal('not a date')
  if (spec.timeZone !== undefined && !isValidTimeZone(spec.timeZone)) throw new Refusal(`unknown time zone ${JSON.stringify(spec.timeZone)}`)
  const zone = spec.timeZone ?? 'UTC'
  let start = pointOf(spec.start, zone)
  let end = spec.end === undefined || spec.end === null ? undefined : pointOf(spec.end, zone)
  const includeTime = spec.includeTime ?? (start.time !== undefined || end?.time !== undefined)
  const key = (point: WallPoint) => `${point.day}T${point.time ?? '00:00'}`
  if (end && key(end) < key(start)) [start, end] = [end, start]
  const date: NotionDate = {
    type: `${includeTime ? 'datetime' : 'date'}${end ? 'range' : ''}`,
    start_date: start.day,
  }
  if (end) date.end_date = end.day
  if (includeTime) {
    date.start_time = start.time ?? '00:00'
    if (end) date.end_time = end.time ?? '00:00'
    // A Date is an instant: keep the zone its wall clock was taken in, so it reads back the same.
    const timeZone = spec.timeZone ?? (isInstant(spec.start) || isInstant(spec.end) ? 'UTC' : undefined)
    if (timeZone !== undefined) date.time_zone = timeZone
  }
  if (spec.reminder) date.reminder = { ...spec.reminder }
  if (spec.dateFormat !== undefined) date.date_format = spec.dateFormat
  if (spec.timeFormat !== undefined) date.time_format = spec.timeFormat
  return date
}

/**
 * The stored date object (`d` decoration argument, docs/protocol.md#rich-text-format) for an
 * input, or why it cannot be one (bad string, invalid Date, unknown time zone).
 * @example notionDateOf('2024-01-05') // { date: { type: 'date', start_date: '2024-01-05' } }
 */
export function notionDateOf(input: PropertyDateInput): NotionDateOutcome {
  try {
    return { date: buildNotionDate(input) }
  } catch (error) {
    if (error instanceof Refusal) return { refusal: error.reason }
    throw error
  }
}

/** The JS-friendly form of a stored date object; `undefined` when it has no readable start. */
export function fromNotionDate(date: unknown): PropertyDate | undefined {
  if (date === null || typeof date !== 'object') return undefined
  const stored = date as Partial<Record<keyof NotionDate, unknown>>
  if (typeof stored.start_date !== 'string' || !DAY.test(stored.start_date)) return undefined
  const type = typeof stored.type === 'string' ? stored.type : 'date'
  const includeTime = type.includes('time') || typeof stored.start_time === 'string'
  const at = (day: string, time: unknown) => (includeTime ? `${day}T${typeof time === 'string' && /^\d{2}:\d{2}$/.test(time) ? time : '00:00'}` : day)
  const value: PropertyDate = { start: at(stored.start_date, stored.start_time), includeTime }
  if (typeof stored.end_date === 'string' && DAY.test(stored.end_date)) value.end = at(stored.end_date, stored.end_time)
  if (typeof stored.time_zone === 'string') value.timeZone = stored.time_zone
  const reminder = stored.reminder as Partial<DateReminder> | undefined
  if (reminder && typeof reminder === 'object' && typeof reminder.unit === 'string' && typeof reminder.value === 'number') {
    value.reminder = { unit: reminder.unit, value: reminder.value, ...(typeof reminder.time === 'string' ? { time: reminder.time } : {}) }
  }
  if (typeof stored.date_format === 'string') value.dateFormat = stored.date_format
  if (typeof stored.time_format === 'string') value.timeFormat = stored.time_format
  return value
}

/**
 * The instants a date names: its wall clocks read in its own time zone, else in `fallbackTimeZone`
 * (default `UTC`; Notion shows zone-less dates in the viewer's zone). All-day dates start at midnight.
 * @example propertyDateInstants({ start: '2020-01-01T09:30', includeTime: true, timeZone: 'America/Los_Angeles' }).start.toISOString() // '2020-01-01T17:30:00.000Z'
 */
export function propertyDateInstants(date: PropertyDate, fallbackTimeZone = 'UTC'): { start: Date; end?: Date } {
  const zone = date.timeZone ?? fallbackTimeZone
  const instant = (wall: string) => {
    const [day = '', time = '00:00'] = wall.split('T')
    const [year, month, dayOfMonth] = day.split('-').map(Number)
    const [hour, minute] = time.split(':').map(Number)
    return instantOfWallClock({ year: year ?? 1970, month: month ?? 1, day: dayOfMonth ?? 1, hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 }, zone)
  }
  return date.end === undefined ? { start: instant(date.start) } : { start: instant(date.start), end: instant(date.end) }
}
