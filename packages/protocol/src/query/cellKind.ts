import type { CalendarDay } from './calendarDay.js'

/** A date cell: its first (and last) day, and an instant for sorting. */
export interface DateCell {
  startDay: CalendarDay
  endDay: CalendarDay | undefined
  /** Epoch ms of the start (wall-clock time read as UTC for `d` dates): only used to order rows. */
  start: number
}

/** A row's property decoded by its schema type: one of six kinds the evaluator's arithmetic reads. */
export type CellValue =
  | { kind: 'text'; text: string }
  | { kind: 'number'; number: number | undefined }
  | { kind: 'checkbox'; checked: boolean }
  /** select, multi_select, status, file names: the values as shown. */
  | { kind: 'list'; values: string[] }
  /** person, relation, created_by, last_edited_by: record ids. */
  | { kind: 'ids'; ids: string[] }
  | { kind: 'date'; date: DateCell | undefined }

/** The empty text cell: what a cell that cannot be computed reads as. */
export const EMPTY_TEXT_CELL: CellValue = { kind: 'text', text: '' }

export function isEmptyValue(value: CellValue): boolean {
  switch (value.kind) {
    case 'text':
      return value.text.trim() === ''
    case 'number':
      return value.number === undefined
    case 'checkbox':
      return !value.checked
    case 'list':
      return value.values.length === 0
    case 'ids':
      return value.ids.length === 0
    case 'date':
      return value.date === undefined
  }
}

/** The values a cell holds, as strings: one per tag, person or page; none when empty. */
export function valuesOf(value: CellValue): string[] {
  switch (value.kind) {
    case 'text':
      return value.text.trim() === '' ? [] : [value.text]
    case 'number':
      return value.number === undefined ? [] : [String(value.number)]
    case 'checkbox':
      return [value.checked ? 'Yes' : 'No']
    case 'list':
      return value.values
    case 'ids':
      return value.ids
    case 'date':
      return value.date ? [value.date.startDay] : []
  }
}

/** The cell as one string, for text operators and search. */
export function textOf(value: CellValue): string {
  return value.kind === 'text' ? value.text : valuesOf(value).join(', ')
}
