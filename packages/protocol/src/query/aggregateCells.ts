import type { Aggregator } from '../endpoints/queryVocabulary.js'
import { isEmptyValue, valuesOf, type CellValue } from './cellKind.js'

/** An aggregator's answer over cells. */
export interface CellAggregate {
  /** `undefined` when there is nothing to work on (the average of no numbers). */
  value: number | undefined
  /** min / max / earliest_date / latest_date: the index of the cell the value comes from. */
  source: number | undefined
}

/** Numbers of number cells, and start instants (epoch ms) of date cells, for sum/min/max/... */
function numericOf(cell: CellValue): number | undefined {
  if (cell.kind === 'number') return cell.number
  if (cell.kind === 'date') return cell.date?.start
  return undefined
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const only = (value: number | undefined): CellAggregate => ({ value: value === undefined || Number.isNaN(value) ? undefined : value, source: undefined })

/**
 * The arithmetic of one aggregator over cells, shared by view aggregations (a column's cells) and
 * rollups (the related rows' target cells). Percentages are fractions in [0, 1]; date cells give
 * epoch ms for min/max (and a duration in ms for range).
 */
export function aggregateCells(cells: readonly CellValue[], aggregator: Aggregator): CellAggregate {
  const total = cells.length
  const empty = cells.filter(isEmptyValue).length
  const checked = cells.filter((cell) => cell.kind === 'checkbox' && cell.checked).length
  const numbers = cells
    .flatMap((cell, index) => {
      const value = numericOf(cell)
      return value === undefined ? [] : [{ value, index }]
    })
    .sort((a, b) => a.value - b.value)
  const values = numbers.map(({ value }) => value)
  const fraction = (part: number) => (total === 0 ? 0 : part / total)
  const extreme = (entry: { value: number; index: number } | undefined): CellAggregate =>
    entry === undefined ? { value: undefined, source: undefined } : { value: entry.value, source: entry.index }
  switch (aggregator) {
    case 'count':
      return only(total)
    case 'count_values':
      return only(cells.reduce((sum, cell) => sum + (cell.kind === 'checkbox' ? Number(cell.checked) : valuesOf(cell).length), 0))
    case 'unique':
      return only(new Set(cells.flatMap((cell) => (isEmptyValue(cell) ? [] : valuesOf(cell)))).size)
    case 'empty':
      return only(empty)
    case 'not_empty':
      return only(total - empty)
    case 'percent_empty':
      return only(fraction(empty))
    case 'percent_not_empty':
      return only(fraction(total - empty))
    case 'checked':
      return only(checked)
    case 'unchecked':
      return only(total - checked)
    case 'percent_checked':
      return only(fraction(checked))
    case 'percent_unchecked':
      return only(fraction(total - checked))
    case 'sum':
      return only(values.reduce((sum, value) => sum + value, 0))
    case 'average':
      return only(values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined)
    case 'median':
      return only(values.length ? median(values) : undefined)
    case 'min':
    case 'earliest_date':
      return extreme(numbers[0])
    case 'max':
    case 'latest_date':
      return extreme(numbers.at(-1))
    case 'range':
    case 'date_range':
      return only(values.length ? values.at(-1)! - values[0]! : undefined)
  }
}
