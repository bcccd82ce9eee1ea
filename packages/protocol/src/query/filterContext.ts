import type { CalendarDay } from './calendarDay.js'
import type { CellReader } from './cellValue.js'

/** What compiling a filter needs besides the filter: how to read cells, who "me" is, what day it is. */
export interface FilterContext {
  reader: CellReader
  /** Who "me" is in person filters (`loader.userId`, else the caller). */
  userId: string | undefined
  /** Today in the caller's time zone, for relative dates. */
  today: CalendarDay
}
