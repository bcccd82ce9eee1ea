import type { AggregationResult } from '../endpoints/queryCollection.js'
import { AGGREGATORS, type Aggregator } from '../endpoints/queryVocabulary.js'
import { aggregateCells } from './aggregateCells.js'
import { QueryEvaluationError } from './queryEvaluationError.js'
import type { QueryRow } from './queryRow.js'
import type { CellReader } from './cellValue.js'

const KNOWN: ReadonlySet<string> = new Set(AGGREGATORS)

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
  if (aggregator === 'count' && aggregation.property === undefined) return { type: 'number', value: rows.length }
  const property = aggregation.property ?? 'title'
  if (!reader.schema.has(property)) throw new QueryEvaluationError(`Unknown property "${property}"`, `${path}.property`)
  const { value } = aggregateCells(
    rows.map((row) => reader.read(row, property)),
    aggregator as Aggregator,
  )
  return value === undefined ? { type: 'number' } : { type: 'number', value }
}
