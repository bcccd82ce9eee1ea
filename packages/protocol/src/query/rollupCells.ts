import { aggregateCells } from './aggregateCells.js'
import { valuesOf, type CellValue } from './cellKind.js'
import type { RollupAggregation } from './rollupSettings.js'

/** A rollup's value, and where it comes from. */
export interface Rollup {
  /**
   * The value as one cell: a number for counts, percentages (fractions in [0, 1]), sums and ranges
   * (a date range is a duration in ms); the date itself for earliest_date / latest_date; the
   * values (record ids when every cell holds ids) for show_original / show_unique.
   */
  cell: CellValue
  /** min / max / earliest_date / latest_date: the index of the related cell the value comes from. */
  source: number | undefined
}

/** The related values, flattened in relation order: ids when every cell holds ids, else strings. */
function shown(cells: readonly CellValue[], unique: boolean): CellValue {
  const values = cells.flatMap(valuesOf)
  const kept = unique ? [...new Set(values)] : values
  const allIds = cells.length > 0 && cells.every((cell) => cell.kind === 'ids')
  return allIds ? { kind: 'ids', ids: kept } : { kind: 'list', values: kept }
}

/**
 * Computes a rollup from the target cells of its related rows (one cell per related row, in the
 * relation's order; rows that could not be read are left out by the caller). The arithmetic is
 * `aggregateCells`', the same as a view's aggregations over a column.
 * @example rollupCells([{ kind: 'number', number: 2 }, { kind: 'number', number: 3 }], 'sum').cell // { kind: 'number', number: 5 }
 */
export function rollupCells(cells: readonly CellValue[], aggregation: RollupAggregation): Rollup {
  if (aggregation === 'show_original' || aggregation === 'show_unique') {
    return { cell: shown(cells, aggregation === 'show_unique'), source: undefined }
  }
  const { value, source } = aggregateCells(cells, aggregation)
  if (aggregation === 'earliest_date' || aggregation === 'latest_date') {
    const from = source === undefined ? undefined : cells[source]
    // A date rollup over numbers (a schema edited by hand) still gives the number.
    if (from?.kind !== 'number') return { cell: { kind: 'date', date: from?.kind === 'date' ? from.date : undefined }, source }
  }
  return { cell: { kind: 'number', number: value }, source }
}
