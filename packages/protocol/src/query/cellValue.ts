import type { FormulaValue } from '../formula/formulaValue.js'
import { codecFor } from '../properties/propertyCodecs.js'
import { MAX_CELL_DEPTH, type CellAt, type CellContext, type CellDecoder, type ComputedRollup, type DecodeCellOptions } from './cellContext.js'
import { EMPTY_TEXT_CELL, type CellValue } from './cellKind.js'
import { cellAsFormulaValue, deeper } from './formulaCell.js'
import type { QueryRow } from './queryRow.js'
import type { QuerySchema, QuerySchemaProperty } from './querySchema.js'
import type { RelatedRowLookup } from './relatedRow.js'
import { rollupCells } from './rollupCells.js'
import { cellOf, mentionIds } from './storedCell.js'

export type { CellValue, DateCell } from './cellKind.js'
export type { DecodeCellOptions } from './cellContext.js'

/**
 * A rollup from the related rows `options.related` finds (rows it cannot find are left out):
 * their target cells, decoded with their own schema, then `rollupCells`; with the related cell its
 * value comes from. `undefined` without a lookup, for an aggregation notion-rx does not know, and
 * for a rollup that reaches itself again through rollups of rollups.
 */
function computeRollup(at: CellAt): ComputedRollup | undefined {
  const { row, property, schema, options } = at
  const { related, depth = 0, visiting } = options
  const settings = property.rollup
  if (!settings?.aggregation || !related || depth >= MAX_CELL_DEPTH || visiting?.has(property)) return undefined
  const { relationProperty, targetProperty, aggregation } = settings
  const relation = relationProperty === undefined ? undefined : schema.get(relationProperty)
  const pageIds = relation?.type === 'relation' ? mentionIds(cellOf(row, relationProperty!), 'p') : []
  const inner = deeper(at)
  const cells: CellValue[] = []
  const sources: ComputedRollup['source'][] = []
  for (const pageId of pageIds) {
    const found = related(pageId)
    if (!found) continue
    const target = targetProperty === undefined ? undefined : found.schema.get(targetProperty)
    const targetAt = target && { row: found.row, propertyId: targetProperty!, property: target, schema: found.schema, timeZone: at.timeZone, options: inner }
    cells.push(targetAt ? decodeCellAt(targetAt) : EMPTY_TEXT_CELL)
    sources.push(targetAt)
  }
  const { cell, source } = rollupCells(cells, aggregation)
  return { cell, source: source === undefined ? undefined : sources[source] }
}

/** The codec's context for a cell. Written out field by field: `{ ...at, more }` is a slow path of V8's, and this runs for every cell. */
function contextOf(at: CellAt): CellContext {
  const { row, propertyId, property, schema, timeZone, options } = at
  return { row, propertyId, property, schema, timeZone, options, raw: cellOf(row, propertyId), decoder: DECODER }
}

function decodeCellAt(at: CellAt): CellValue {
  return codecFor(at.property.type).cell(contextOf(at))
}

function formulaInputAt(at: CellAt): FormulaValue | undefined {
  const codec = codecFor(at.property.type)
  const context = contextOf(at)
  return codec.formulaInput ? codec.formulaInput(context) : cellAsFormulaValue(codec.cell(context), at.timeZone)
}

/** How codecs read other cells: formulas their inputs, rollups the related rows. */
const DECODER: CellDecoder = { cell: decodeCellAt, rollup: computeRollup, formulaInput: formulaInputAt }

/**
 * Decodes one cell with its property type's codec (`codecFor`). Formulas are computed from their
 * AST over the row's other cells, as Notion's clients compute them (see `formulaCell`); rollups
 * from the related rows `options.related` finds, and read as empty text when they cannot be computed.
 */
export function decodeCell(
  row: QueryRow,
  propertyId: string,
  property: QuerySchemaProperty,
  schema: QuerySchema,
  timeZone: string,
  options: DecodeCellOptions = {},
): CellValue {
  return decodeCellAt({ row, propertyId, property, schema, timeZone, options })
}

export interface CellReaderOptions {
  /** Finds the rows relations point at, so rollups are computed; without it they read as empty. */
  related?: RelatedRowLookup | undefined
  /** What formulas' `now()` returns (the emulator's clock). @default the time of evaluation */
  now?: Date | undefined
}

/**
 * Decodes cells on demand and remembers them per row value (filters, sorts and reducers share
 * them). Keyed by the value object, not the id: a row changed since is a new object, decoded anew.
 * A rollup is remembered with its row too, so a reader with `related` is for one evaluation: a
 * change to a related row does not reach cells it already read.
 */
export class CellReader {
  readonly schema: QuerySchema
  readonly timeZone: string
  readonly #related: RelatedRowLookup | undefined
  readonly #now: Date | undefined
  readonly #cache = new WeakMap<object, Map<string, CellValue>>()

  constructor(schema: QuerySchema, timeZone: string, options: CellReaderOptions = {}) {
    this.schema = schema
    this.timeZone = timeZone
    this.#related = options.related
    this.#now = options.now
  }

  /** The decoded cell; the caller has checked that `propertyId` is in the schema. */
  read(row: QueryRow, propertyId: string): CellValue {
    let cells = this.#cache.get(row.value)
    if (!cells) {
      cells = new Map()
      this.#cache.set(row.value, cells)
    }
    let value = cells.get(propertyId)
    if (!value) {
      const property = this.schema.get(propertyId)
      value = property ? decodeCell(row, propertyId, property, this.schema, this.timeZone, { related: this.#related, now: this.#now }) : EMPTY_TEXT_CELL
      cells.set(propertyId, value)
    }
    return value
  }

  typeOf(propertyId: string): string | undefined {
    return this.schema.get(propertyId)?.type
  }
}
