import { evaluateFormula } from '../formula/evaluateFormula.js'
import { formulaDate, formulaDateEnd, type FormulaValue } from '../formula/formulaValue.js'
import { dayInZone, isCalendarDay, type CalendarDay } from './calendarDay.js'
import type { CellValue, decodeCell, DecodeCellOptions } from './cellValue.js'
import type { QueryRow } from './queryRow.js'
import type { QuerySchema, QuerySchemaProperty } from './querySchema.js'
import { cellOf, dateMentionsOf, plainText } from './storedCell.js'
import { instantOfWallClock, isValidTimeZone, wallClockOf } from './zonedTime.js'

/** How many formulas and rollups deep a cell may reach (a loop of references ends here). */
export const MAX_CELL_DEPTH = 8

/** The related row's cell a rollup's value comes from (min, max, earliest and latest date). */
export interface RollupSource {
  readonly row: QueryRow
  readonly propertyId: string
  readonly property: QuerySchemaProperty
  readonly schema: QuerySchema
}

/** A rollup's cell and where its value comes from. */
export interface ComputedRollup {
  readonly cell: CellValue
  readonly source: RollupSource | undefined
}

/**
 * How a formula reads the row's other cells: `decodeCell`, and its rollups with their source
 * (`undefined` when one cannot be computed). Passed in, as `cellValue.ts` is built on this file.
 */
export interface CellDecoder {
  readonly cell: typeof decodeCell
  readonly rollup: (row: QueryRow, property: QuerySchemaProperty, schema: QuerySchema, timeZone: string, options: DecodeCellOptions) => ComputedRollup | undefined
}

const EMPTY_TEXT: CellValue = { kind: 'text', text: '' }

function wallInstant(day: CalendarDay, time: string | undefined, timeZone: string): Date {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number)
  const [hour = 0, minute = 0] = time === undefined ? [] : time.split(':').map(Number)
  return instantOfWallClock({ year, month, day: date, hour, minute, second: 0, millisecond: 0 }, timeZone)
}

/**
 * A date property as a formula sees it, as core's `decodeProperty` gives it: the stored wall clock
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

/** A decoded cell as a formula value: lists and ids joined with `, `, as `prop()` shows them. */
function fromCell(cell: CellValue, timeZone: string): FormulaValue {
  switch (cell.kind) {
    case 'text':
      return cell.text
    case 'number':
      return cell.number ?? null
    case 'checkbox':
      return cell.checked
    case 'list':
      return cell.values.join(', ')
    case 'ids':
      return cell.ids.join(', ')
    case 'date': {
      // Only a date with no known source gets here: whole days in the reader's zone.
      const { date } = cell
      if (!date) return null
      const end = date.endDay === undefined ? undefined : wallInstant(date.endDay, undefined, timeZone)
      return formulaDate(wallInstant(date.startDay, undefined, timeZone), { end, hasTime: false })
    }
  }
}

/** One property of a row as `prop()` reads it; `undefined` when it cannot be computed. */
function formulaInput(
  row: QueryRow,
  propertyId: string,
  property: QuerySchemaProperty,
  schema: QuerySchema,
  timeZone: string,
  options: DecodeCellOptions,
  decoder: CellDecoder,
): FormulaValue | undefined {
  switch (property.type) {
    case 'formula':
      return computeFormula(row, property, schema, timeZone, options, decoder)
    case 'date':
      return formulaDateOf(cellOf(row, propertyId), timeZone)
    case 'created_time':
    case 'last_edited_time': {
      const ms = row.value[property.type]
      return typeof ms === 'number' && Number.isFinite(ms) ? formulaDate(new Date(ms)) : null
    }
    case 'select':
    case 'status':
    case 'created_by':
    case 'last_edited_by': {
      // One value, or none: `null`, not `''`.
      const value = fromCell(decoder.cell(row, propertyId, property, schema, timeZone, options), timeZone)
      return value === '' ? null : value
    }
    case 'auto_increment_id':
    case 'unique_id': {
      const digits = /\d+/.exec(plainText(cellOf(row, propertyId)))
      return digits ? Number(digits[0]) : null
    }
    case 'button':
      return null
    case 'rollup': {
      const rollup = decoder.rollup(row, property, schema, timeZone, options)
      if (!rollup) return undefined
      const { cell, source } = rollup
      // An earliest/latest date is the related row's date itself, with its time and end.
      if (cell.kind === 'date' && source) {
        const inner: DecodeCellOptions = { ...options, depth: (options.depth ?? 0) + 1, visiting: new Set(options.visiting).add(property) }
        return formulaInput(source.row, source.propertyId, source.property, source.schema, timeZone, inner, decoder)
      }
      return fromCell(cell, timeZone)
    }
    default:
      return fromCell(decoder.cell(row, propertyId, property, schema, timeZone, options), timeZone)
  }
}

/** A formula's value on a row; `undefined` when it cannot be computed (unknown function, loop...). */
function computeFormula(
  row: QueryRow,
  property: QuerySchemaProperty,
  schema: QuerySchema,
  timeZone: string,
  options: DecodeCellOptions,
  decoder: CellDecoder,
): FormulaValue | undefined {
  const depth = options.depth ?? 0
  // A formula that reaches itself again has no value (Notion refuses such formulas).
  if (depth >= MAX_CELL_DEPTH || options.visiting?.has(property)) return undefined
  const inner: DecodeCellOptions = { ...options, depth: depth + 1, visiting: new Set(options.visiting).add(property) }
  return evaluateFormula(property.formula, {
    now: options.now,
    timeZone,
    property: (id) => {
      const target = schema.get(id)
      return target ? formulaInput(row, id, target, schema, timeZone, inner, decoder) : undefined
    },
  }).value
}

/** The empty cell of the formula's result type (`formula.result_type`), so a column sorts as one kind. */
function emptyCell(formula: unknown): CellValue {
  const resultType = formula && typeof formula === 'object' ? (formula as Record<string, unknown>)['result_type'] : undefined
  if (resultType === 'number') return { kind: 'number', number: undefined }
  if (resultType === 'checkbox') return { kind: 'checkbox', checked: false }
  if (resultType === 'date') return { kind: 'date', date: undefined }
  return EMPTY_TEXT
}

/** A date result as a date cell: its days in `timeZone`, ordered by wall clock like date properties. */
function dateCell(date: Date, timeZone: string): CellValue {
  const start = date.getTime()
  if (!Number.isFinite(start)) return { kind: 'date', date: undefined }
  const wall = wallClockOf(date, timeZone)
  const end = formulaDateEnd(date)
  return {
    kind: 'date',
    date: {
      startDay: dayInZone(start, timeZone),
      endDay: end && Number.isFinite(end.getTime()) ? dayInZone(end.getTime(), timeZone) : undefined,
      start: Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond),
    },
  }
}

/**
 * A formula cell, computed as Notion's clients compute it (the stored row holds no value): the
 * formula's AST evaluated by `evaluateFormula` over the row's other cells, formulas of formulas and
 * rollups (through `options.related`) included. Text, number, checkbox and date results give cells
 * of those kinds; a formula that cannot be computed is the empty cell of its result type.
 */
export function formulaCell(
  row: QueryRow,
  property: QuerySchemaProperty,
  schema: QuerySchema,
  timeZone: string,
  options: DecodeCellOptions,
  decoder: CellDecoder,
): CellValue {
  // A zone the runtime does not know (sent by a client) reads as UTC rather than fail the query.
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC'
  const value = computeFormula(row, property, schema, zone, options, decoder)
  if (value === null || value === undefined) return emptyCell(property.formula)
  if (typeof value === 'string') return { kind: 'text', text: value }
  if (typeof value === 'number') return { kind: 'number', number: Number.isFinite(value) ? value : undefined }
  if (typeof value === 'boolean') return { kind: 'checkbox', checked: value }
  return dateCell(value, zone)
}
