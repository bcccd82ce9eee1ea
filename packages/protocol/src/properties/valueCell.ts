import { dayInZone } from '../query/calendarDay.js'
import { EMPTY_TEXT_CELL, type CellValue, type DateCell } from '../query/cellKind.js'
import { plainText } from '../query/storedCell.js'
import { codecFor } from './propertyCodecs.js'
import { propertyDateInstants, type PropertyDate } from './propertyDate.js'
import type { PropertyValue } from './propertyValue.js'

function dateCell(start: number, startDay: string, endDay?: string): CellValue {
  const date: DateCell = { startDay: startDay as DateCell['startDay'], endDay: endDay as DateCell['endDay'], start }
  return { kind: 'date', date }
}

function isPropertyDate(value: object): value is PropertyDate {
  return 'start' in value && typeof value.start === 'string'
}

function itemText(item: unknown): string[] {
  if (typeof item === 'string') return item === '' ? [] : [item]
  if (typeof item === 'number') return [String(item)]
  if (typeof item === 'boolean') return [item ? 'Yes' : 'No']
  if (item instanceof Date) return [item.toISOString()]
  if (item && typeof item === 'object') {
    if (isPropertyDate(item)) return [item.start]
    if ('name' in item && typeof item.name === 'string') return [item.name]
  }
  return []
}

/**
 * A decoded value (of a property of type `type`) as the query evaluator's arithmetic reads cells:
 * numbers, dates, checkboxes, lists, and ids for types whose cells hold mentions. Rollups over a
 * store's rows compute with it.
 */
export function valueCell(value: PropertyValue, type: string | undefined, timeZone: string): CellValue {
  if (value === null || value === undefined) return EMPTY_TEXT_CELL
  if (typeof value === 'number') return { kind: 'number', number: value }
  if (typeof value === 'boolean') return { kind: 'checkbox', checked: value }
  if (typeof value === 'string') return { kind: 'text', text: value }
  if (value instanceof Date) return dateCell(value.getTime(), dayInZone(value.getTime(), timeZone))
  if (Array.isArray(value)) {
    const items = value as readonly unknown[]
    if (codecFor(type).mentions !== undefined) return { kind: 'ids', ids: items.filter((id): id is string => typeof id === 'string') }
    // Rich text (types notion-rx keeps as stored) reads as its text.
    if (items.some(Array.isArray)) return { kind: 'text', text: plainText(items) }
    return { kind: 'list', values: items.flatMap(itemText) }
  }
  if (isPropertyDate(value)) {
    const { start } = propertyDateInstants(value, timeZone)
    return dateCell(start.getTime(), value.start.slice(0, 10), value.end?.slice(0, 10))
  }
  return EMPTY_TEXT_CELL
}
