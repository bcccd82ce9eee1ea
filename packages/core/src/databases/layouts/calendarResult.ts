import { shiftDay } from '@notion-rx/protocol'
import type { CollectionRowBlock } from '../collectionRowBlock.js'
import type { ExecuteOptions } from '../query/runQuery.js'
import type { CollectionSchema, SchemaProperty } from '../properties/collectionSchema.js'
import { overlapsWindow, type ClosedDateWindow } from './dateWindow.js'
import type { LiveQueryOptions } from '../live/liveQuery.js'
import type { PropertyDate } from '../properties/propertyDate.js'
import type { QueryResult } from '../query/queryResult.js'
import { rowDateSpan } from './rowDateSpan.js'
import type { RowProperties } from '../properties/rowProperties.js'
import type { ViewDateLayout } from './viewDateLayout.js'

/** `view.calendar(options)`: the window, its zone, and how the query runs (and re-runs, live). */
export interface CalendarOptions extends ExecuteOptions, LiveQueryOptions {
  /** First day shown: a `Date` (its day in `timeZone`) or `YYYY-MM-DD`. */
  from: Date | string
  /** Last day shown, inclusive. */
  to: Date | string
  /**
   * The zone of `Date` bounds, of date filters (`loader.userTimeZone`) and in which creation
   * times and formula dates fall on a day.
   * @default 'UTC'
   */
  timeZone?: string | undefined
}

/** One row on a calendar. The same object is listed on every day its date covers. */
export interface CalendarEntry {
  readonly id: string
  readonly row: CollectionRowBlock
  /** The row's properties by slug (the query result's `values` entry). */
  readonly values: RowProperties
  /** Its date in the calendar's property. */
  readonly date: PropertyDate
  /** First and last day (`YYYY-MM-DD`) of the date, wherever the window cuts it. */
  readonly startDay: string
  readonly endDay: string
  /** The date spans several days (a range whose end falls on another day). */
  readonly multiDay: boolean
}

/** A calendar view's rows between two days, by day. */
export interface CalendarResult {
  /** The date property rows are laid out by, and whether the view named it (`view`) or it is the schema's first (`schema`). */
  readonly property: SchemaProperty
  readonly propertySource: 'view' | 'schema'
  readonly from: string
  readonly to: string
  readonly timeZone: string
  /** Each row in the window once, in the view's order (its sorts, then manual order). */
  readonly entries: readonly CalendarEntry[]
  /** Days of the window that have rows, ascending; each day's entries in the view's order. */
  readonly days: ReadonlyMap<string, readonly CalendarEntry[]>
  /** The entries of one day (`YYYY-MM-DD`); empty for a day without rows. */
  on(day: string): readonly CalendarEntry[]
  /** The query result the calendar was built from (ids as the server returned them, aggregates, ...). */
  readonly result: QueryResult
}

const NONE: readonly CalendarEntry[] = Object.freeze([])

/**
 * Lays a query result out by day. Rows without a date, or whose date misses the window, are left
 * out. With `previous` (the last calendar of a live query), a row whose values and date property
 * did not change keeps its entry object.
 */
export function calendarFromResult(
  result: QueryResult,
  layout: ViewDateLayout,
  window: ClosedDateWindow,
  context: { readonly schema: CollectionSchema; readonly timeZone: string },
  previous?: CalendarResult,
): CalendarResult {
  const { schema, timeZone } = context
  const reusable = previous && previous.property.id === layout.property.id && previous.timeZone === timeZone ? new Map(previous.entries.map((entry) => [entry.id, entry])) : undefined
  const entries: CalendarEntry[] = []
  const byDay = new Map<string, CalendarEntry[]>()
  result.ids.forEach((id, index) => {
    const values = result.values[index]!
    const before = reusable?.get(id)
    let entry: CalendarEntry | undefined = before && before.values === values ? before : undefined
    if (!entry) {
      const row = result.rows[index]!
      const span = rowDateSpan(layout.property, row.value, schema, timeZone)
      if (!span) return
      entry = { id, row, values, date: span.date, startDay: span.startDay, endDay: span.endDay, multiDay: span.startDay !== span.endDay }
    }
    if (!overlapsWindow(entry.startDay, entry.endDay, window)) return
    entries.push(entry)
    const last = entry.endDay < window.to ? entry.endDay : window.to
    for (let day = entry.startDay > window.from ? entry.startDay : window.from; day <= last; day = shiftDay(day, { days: 1 })) {
      const list = byDay.get(day)
      if (list) list.push(entry)
      else byDay.set(day, [entry])
    }
  })
  const days = new Map([...byDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return {
    property: layout.property,
    propertySource: layout.source,
    from: window.from,
    to: window.to,
    timeZone,
    entries,
    days,
    on: (day) => days.get(day) ?? NONE,
    result,
  }
}
