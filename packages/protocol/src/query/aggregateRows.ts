import type { AggregationResult } from '../endpoints/queryCollection.js'
import { AGGREGATORS, type Aggregator } from '../endpoints/queryVocabulary.js'
import { QueryEvaluationError } from './queryEvaluationError.js'
import type { QueryRow } from './queryRow.js'
import { isEmptyValue, valuesOf, type CellReader, type CellValue } from './cellValue.js'


const KNOWN: ReadonlySet<string> = new Set(AGGREGATORS)

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

function number(value: number | undefined): AggregationResult {
  return value === undefined || Number.isNaN(value) ? { type: 'number' } : { type: 'number', value }
}

/**
 * One aggregation over rows: `{type:"number", value}`. Percentages are fractions in [0, 1]; an
 * aggregator with nothing to work on (average of no numbers) has no `value`. Date columns give
 * epoch ms for min/max (and a duration in ms for range). Unknown aggregators or properties are a 400.
 */
export function aggregateRows(
  rows: readonly QueryRow[],
  aggregation: { property?: string | undefined; aggregator: string },
  reader: CellReader,
  path: string,
): AggregationResult {
  const { aggregator } = aggregation
  if (!KNOWN.has(aggregator)) throw new QueryEvaluationError(`Unknown aggregator "${aggregator}"`, `${path}.aggregator`)
  if (aggregator === 'count' && aggregation.property === undefined) return number(rows.length)
  const property = aggregation.property ?? 'title'
  if (!reader.schema.has(property)) throw new QueryEvaluationError(`Unknown property "${property}"`, `${path}.property`)
  const cells = rows.map((row) => reader.read(row, property))
  const total = cells.length
  const empty = cells.filter(isEmptyValue).length
  const checked = cells.filter((cell) => cell.kind === 'checkbox' && cell.checked).length
  const numbers = cells
    .map(numericOf)
    .filter((value): value is number => value !== undefined)
    .sort((a, b) => a - b)
  const fraction = (part: number) => (total === 0 ? 0 : part / total)
  switch (aggregator as Aggregator) {
    case 'count':
      return number(total)
    case 'count_values':
      return number(cells.reduce((sum, cell) => sum + (cell.kind === 'checkbox' ? Number(cell.checked) : valuesOf(cell).length), 0))
    case 'unique':
      return number(new Set(cells.flatMap((cell) => (isEmptyValue(cell) ? [] : valuesOf(cell)))).size)
    case 'empty':
      return number(empty)
    case 'not_empty':
      return number(total - empty)
    case 'percent_empty':
      return number(fraction(empty))
    case 'percent_not_empty':
      return number(fraction(total - empty))
    case 'checked':
      return number(checked)
    case 'unchecked':
      return number(total - checked)
    case 'percent_checked':
      return number(fraction(checked))
    case 'percent_unchecked':
      return number(fraction(total - checked))
    case 'sum':
      return number(numbers.reduce((sum, value) => sum + value, 0))
    case 'average':
      return number(numbers.length ? numbers.reduce((sum, value) => sum + value, 0) / numbers.length : undefined)
    case 'median':
      return number(numbers.length ? median(numbers) : undefined)
    case 'min':
    case 'earliest_date':
      return number(numbers[0])
    case 'max':
    case 'latest_date':
      return number(numbers.at(-1))
    case 'range':
    case 'date_range':
      return number(numbers.length ? numbers.at(-1)! - numbers[0]! : undefined)
  }
}
