import type { FormulaValue } from '../formula/formulaValue.js'
import type { CellValue } from './cellKind.js'
import type { QueryRow } from './queryRow.js'
import type { QuerySchema, QuerySchemaProperty } from './querySchema.js'
import type { RelatedRowLookup } from './relatedRow.js'

/** How many formulas and rollups deep a cell may reach (a loop of references ends here). */
export const MAX_CELL_DEPTH = 8

export interface DecodeCellOptions {
  /** Finds the rows relations point at; without it, rollups read as empty text. */
  related?: RelatedRowLookup | undefined
  /** Formulas and rollups followed to reach this cell. */
  depth?: number | undefined
  /** Formula and rollup properties being computed on the way here: one reached again reads as empty. */
  visiting?: ReadonlySet<QuerySchemaProperty> | undefined
  /** What formulas' `now()` returns. @default the time of evaluation */
  now?: Date | undefined
}

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

/** One cell to decode: where it is, and how its codec reaches other cells. */
export interface CellAt {
  readonly row: QueryRow
  readonly propertyId: string
  readonly property: QuerySchemaProperty
  readonly schema: QuerySchema
  readonly timeZone: string
  readonly options: DecodeCellOptions
}

/**
 * How codecs read other cells: a formula its inputs, a rollup the related rows' cells. Passed in
 * (see `cellValue.ts`), so that codecs do not import the dispatch that imports them.
 */
export interface CellDecoder {
  /** The cell, decoded by its property's codec. */
  cell(at: CellAt): CellValue
  /** A rollup's cell and source; `undefined` when it cannot be computed. */
  rollup(at: CellAt): ComputedRollup | undefined
  /** The property as a formula's `prop()` reads it; `undefined` when it cannot be computed. */
  formulaInput(at: CellAt): FormulaValue | undefined
}

/** What a codec's `cell` and `formulaInput` are given: the cell, its stored value, the decoder. */
export interface CellContext extends CellAt {
  /** The stored cell (`properties.<id>`, rich text as written, unchecked). */
  readonly raw: unknown
  readonly decoder: CellDecoder
}
