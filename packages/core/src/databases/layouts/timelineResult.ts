import type { CollectionRowBlock } from '../collectionRowBlock.js'
import type { ExecuteOptions } from '../query/runQuery.js'
import type { CollectionSchema, SchemaProperty } from '../properties/collectionSchema.js'
import { overlapsWindow, type DateWindow } from './dateWindow.js'
import type { LiveQueryOptions } from '../live/liveQuery.js'
import type { PropertyDate } from '../properties/propertyDate.js'
import type { QueryResult } from '../query/queryResult.js'
import { rowDateSpan } from './rowDateSpan.js'
import type { RowProperties } from '../properties/rowProperties.js'
import type { ViewDateLayout } from './viewDateLayout.js'

/** `view.timeline(options)`: an optional window, its zone, and how the query runs (and re-runs, live). */
export interface TimelineOptions extends ExecuteOptions, LiveQueryOptions {
  /** Bars ending before this day are left out: a `Date` (its day in `timeZone`) or `YYYY-MM-DD`. Open when absent. */
  from?: Date | string | undefined
  /** Bars starting after this day are left out (inclusive). Open when absent. */
  to?: Date | string | undefined
  /**
   * The zone of `Date` bounds, of date filters and in which creation times and formula dates fall.
   * @default 'UTC'
   */
  timeZone?: string | undefined
}

/** A row of a timeline without a start date (Notion lists those apart, under "no date"). */
export interface UndatedRow {
  readonly id: string
  readonly row: CollectionRowBlock
  readonly values: RowProperties
}

/** One bar of a timeline. */
export interface TimelineEntry extends UndatedRow {
  /** Its date in the timeline's property (`timeline_by`). */
  readonly date: PropertyDate
  /** Its date in the end property (`timeline_by_end`), when the view has one and the row a value there. */
  readonly endDate: PropertyDate | undefined
  /**
   * Where the bar starts and ends, as wall clocks (`YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with a
   * time): the start of `date`, and the later of `date`'s end and `endDate`'s.
   */
  readonly start: string
  readonly end: string
  readonly startDay: string
  readonly endDay: string
  readonly multiDay: boolean
}

/** A timeline view's rows, by start. */
export interface TimelineResult {
  /** Where bars start (`timeline_by`), whether the view named it (`view`) or it is the schema's first date (`schema`). */
  readonly property: SchemaProperty
  readonly propertySource: 'view' | 'schema'
  /** Where bars end (`timeline_by_end`), when the view has one. */
  readonly endProperty: SchemaProperty | undefined
  /** The window's days; undefined for an open side. */
  readonly from: string | undefined
  readonly to: string | undefined
  readonly timeZone: string
  /** Bars overlapping the window, sorted by start (ties keep the view's order). */
  readonly entries: readonly TimelineEntry[]
  /** Rows without a start date, in the view's order. */
  readonly undated: readonly UndatedRow[]
  /** The query result the timeline was built from. */
  readonly result: QueryResult
}

/**
 * Lays a query result out as a timeline. With `previous` (the last timeline of a live query), a
 * row whose values did not change keeps its entry object.
 */
export function timelineFromResult(
  result: QueryResult,
  layout: ViewDateLayout,
  window: DateWindow,
  context: { readonly schema: CollectionSchema; readonly timeZone: string },
  previous?: TimelineResult,
): TimelineResult {
  const { schema, timeZone } = context
  const sameLayout =
    previous && previous.property.id === layout.property.id && previous.endProperty?.id === layout.endProperty?.id && previous.timeZone === timeZone
  const before = new Map<string, TimelineEntry | UndatedRow>()
  if (sameLayout) for (const item of [...previous.entries, ...previous.undated]) before.set(item.id, item)
  const entries: TimelineEntry[] = []
  const undated: UndatedRow[] = []
  result.ids.forEach((id, index) => {
    const values = result.values[index]!
    const kept = before.get(id)
    let item: TimelineEntry | UndatedRow | undefined = kept && kept.values === values ? kept : undefined
    if (!item) {
      const row = result.rows[index]!
      const span = rowDateSpan(layout.property, row.value, schema, timeZone)
      if (!span) item = { id, row, values }
      else {
        const endSpan = layout.endProperty ? rowDateSpan(layout.endProperty, row.value, schema, timeZone) : undefined
        const end = endSpan && endSpan.end > span.end ? endSpan.end : span.end
        const endDay = end.slice(0, 10)
        item = { id, row, values, date: span.date, endDate: endSpan?.date, start: span.start, end, startDay: span.startDay, endDay, multiDay: span.startDay !== endDay }
      }
    }
    if (!('date' in item)) undated.push(item)
    else if (overlapsWindow(item.startDay, item.endDay, window)) entries.push(item)
  })
  // Wall clocks of one form sort like the moments they name; an all-day start comes first on its day.
  entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  return {
    property: layout.property,
    propertySource: layout.source,
    endProperty: layout.endProperty,
    from: window.from,
    to: window.to,
    timeZone,
    entries,
    undated,
    result,
  }
}
