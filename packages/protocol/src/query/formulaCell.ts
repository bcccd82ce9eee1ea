import { evaluateFormula } from '../formula/evaluateFormula.js'
import { formulaDate, formulaDateEnd, type FormulaValue } from '../formula/formulaValue.js'
import { dayInZone, type CalendarDay } from './calendarDay.js'
import { MAX_CELL_DEPTH, type CellAt, type CellDecoder, type DecodeCellOptions } from './cellContext.js'
import { EMPTY_TEXT_CELL, type CellValue } from './cellKind.js'
import { instantOfWallClock, isValidTimeZone, wallClockOf } from './zonedTime.js'

/** A day and optional `HH:mm` wall clock in `timeZone`, as an instant. */
export function wallInstant(day: CalendarDay, time: string | undefined, timeZone: string): Date {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number)
  const [hour = 0, minute = 0] = time === undefined ? [] : time.split(':').map(Number)
  return instantOfWallClock({ year, month, day: date, hour, minute, second: 0, millisecond: 0 }, timeZone)
}

/** A decoded cell as a formula value: lists and ids joined with `, `, as `prop()` shows them. */
export function cellAsFormulaValue(cell: CellValue, timeZone: string): FormulaValue {
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

/** The options for a cell reached from `at`'s formula or rollup: one level deeper, `at` being visited. */
export function deeper(at: CellAt): DecodeCellOptions {
  const { options } = at
  return { ...options, depth: (options.depth ?? 0) + 1, visiting: new Set(options.visiting).add(at.property) }
}

/** A formula's value on a row; `undefined` when it cannot be computed (unknown function, loop...). */
export function computeFormula(at: CellAt, decoder: CellDecoder): FormulaValue | undefined {
  const { options, schema, row, timeZone } = at
  // A formula that reaches itself again has no value (Notion refuses such formulas).
  if ((options.depth ?? 0) >= MAX_CELL_DEPTH || options.visiting?.has(at.property)) return undefined
  const inner = deeper(at)
  return evaluateFormula(at.property.formula, {
    now: options.now,
    timeZone,
    property: (id) => {
      const target = schema.get(id)
      return target ? decoder.formulaInput({ row, propertyId: id, property: target, schema, timeZone, options: inner }) : undefined
    },
  }).value
}

/** The empty cell of the formula's result type (`formula.result_type`), so a column sorts as one kind. */
function emptyCell(formula: unknown): CellValue {
  const resultType = formula && typeof formula === 'object' ? (formula as Record<string, unknown>)['result_type'] : undefined
  if (resultType === 'number') return { kind: 'number', number: undefined }
  if (resultType === 'checkbox') return { kind: 'checkbox', checked: false }
  if (resultType === 'date') return { kind: 'date', date: undefined }
  return EMPTY_TEXT_CELL
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
export function formulaCell(at: CellAt, decoder: CellDecoder): CellValue {
  // A zone the runtime does not know (sent by a client) reads as UTC rather than fail the query.
  const zone = isValidTimeZone(at.timeZone) ? at.timeZone : 'UTC'
  const value = computeFormula(zone === at.timeZone ? at : { row: at.row, propertyId: at.propertyId, property: at.property, schema: at.schema, timeZone: zone, options: at.options }, decoder)
  if (value === null || value === undefined) return emptyCell(at.property.formula)
  if (typeof value === 'string') return { kind: 'text', text: value }
  if (typeof value === 'number') return { kind: 'number', number: Number.isFinite(value) ? value : undefined }
  if (typeof value === 'boolean') return { kind: 'checkbox', checked: value }
  return dateCell(value, zone)
}
