import { formulaDate, type FormulaValue } from '../formula/formulaValue.js'
import { isCalendarDay, type CalendarDay } from '../query/calendarDay.js'
import type { DateCell } from '../query/cellKind.js'
import { wallInstant } from '../query/formulaCell.js'
import { dateMentionsOf, decorationsOf, segmentsOf } from '../query/storedCell.js'
import { isValidTimeZone } from '../query/zonedTime.js'
import { MENTION_PLACEHOLDER } from '../richText.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { fromNotionDate, notionDateOf, type PropertyDate, type PropertyDateInput } from './propertyDate.js'
import { dateInputOf, dateText, instantDate, single } from './shownValues.js'

/** The first `d` mention as a date cell: its days, and its wall clock read as UTC for ordering. */
function dateCellOf(raw: unknown): DateCell | undefined {
  for (const { start_date, start_time, end_date } of dateMentionsOf(raw)) {
    if (!isCalendarDay(start_date)) continue
    const time = typeof start_time === 'string' && /^\d{2}:\d{2}$/.test(start_time) ? start_time : '00:00'
    return {
      startDay: start_date,
      endDay: isCalendarDay(end_date) ? end_date : undefined,
      start: Date.parse(`${start_date}T${time}:00Z`),
    }
  }
  return undefined
}

/**
 * A date property as a formula sees it, as `decodePropertyValue` gives it: the stored wall clock
 * read in the date's own zone, else in `timeZone`; all-day dates have no time to show.
 */
function formulaDateOf(raw: unknown, timeZone: string): FormulaValue {
  const stored = dateMentionsOf(raw).find((date) => isCalendarDay(date['start_date']))
  if (!stored) return null
  const type = typeof stored['type'] === 'string' ? stored['type'] : 'date'
  const hasTime = type.includes('time') || typeof stored['start_time'] === 'string'
  const zone = typeof stored['time_zone'] === 'string' && isValidTimeZone(stored['time_zone']) ? stored['time_zone'] : timeZone
  const timeOf = (time: unknown) => (hasTime ? (typeof time === 'string' && /^\d{2}:\d{2}$/.test(time) ? time : '00:00') : undefined)
  const end = isCalendarDay(stored['end_date']) ? wallInstant(stored['end_date'], timeOf(stored['end_time']), zone) : undefined
  return formulaDate(wallInstant(stored['start_date'] as CalendarDay, timeOf(stored['start_time']), zone), { end, hasTime })
}

/** The stored date: a `d` decoration's argument (or, as some clients wrote it, the date object itself). */
function decodeDate(raw: unknown): PropertyDate | null {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return fromNotionDate(raw) ?? null
  for (const segment of segmentsOf(raw)) {
    for (const decoration of decorationsOf(segment)) {
      const date = decoration[0] === 'd' ? fromNotionDate(decoration[1]) : undefined
      if (date) return date
    }
  }
  return null
}

/** `timeZone` applies to `Date` inputs that name no zone of their own. */
function withDefaultZone(value: PropertyDateInput, timeZone: string | undefined): PropertyDateInput {
  if (timeZone === undefined) return value
  if (value instanceof Date || typeof value === 'string') return { start: value, timeZone }
  if (value === null || typeof value !== 'object') return value
  return value.timeZone === undefined ? { ...value, timeZone } : value
}

/** `date`: a wall clock (or range) with an optional zone, stored as a `d` mention. */
export const dateCodec = {
  type: 'date',
  readOnly: false,
  accepts: "a Date, a 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm' string, or {start, end?, includeTime?, timeZone?, reminder?}",
  cleared: [],
  filterOperators: FILTERS.date,
  aggregators: AGGREGATES.dates,
  cell: ({ raw }) => ({ kind: 'date', date: dateCellOf(raw) }),
  formulaInput: ({ raw, timeZone }) => formulaDateOf(raw, timeZone),
  decode: ({ raw }) => decodeDate(raw),
  encode: (value, context) => {
    const outcome = notionDateOf(withDefaultZone(value as PropertyDateInput, context.timeZone))
    return 'date' in outcome ? { richText: [[MENTION_PLACEHOLDER, [['d', outcome.date]]]] } : { refused: value }
  },
  show: (value) => single(value === null ? null : dateText(value as PropertyDate)),
  convertInto: (input) => {
    const shown = input.shown()
    if (shown === undefined) return undefined
    const value = input.fromValue()
    return { value: value instanceof Date ? instantDate(value, input.timeZone) : dateInputOf(shown.values.join(', ')) }
  },
} satisfies PropertyCodec
