import type { CellContext } from '../query/cellContext.js'
import { EMPTY_TEXT_CELL } from '../query/cellKind.js'
import { cellAsFormulaValue, deeper } from '../query/formulaCell.js'
import type { FormulaValue } from '../formula/formulaValue.js'
import { READ_ONLY_ACCEPTS, refuseAll } from './codecParts.js'
import { ANY_OPERATORS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { single } from './shownValues.js'

/** A rollup as a formula reads it: an earliest/latest date is the related row's date itself, with its time and end. */
function rollupFormulaInput(context: CellContext): FormulaValue | undefined {
  const rollup = context.decoder.rollup(context)
  if (!rollup) return undefined
  const { cell, source } = rollup
  if (cell.kind === 'date' && source) return context.decoder.formulaInput({ ...source, timeZone: context.timeZone, options: deeper(context) })
  return cellAsFormulaValue(cell, context.timeZone)
}

/** `rollup`: computed from the related rows' target property (the caller finds those rows); read-only. */
export const rollupCodec = {
  type: 'rollup',
  readOnly: true,
  accepts: READ_ONLY_ACCEPTS,
  cleared: [],
  computed: true,
  outsideRow: true,
  ...ANY_OPERATORS,
  cell: (context) => context.decoder.rollup(context)?.cell ?? EMPTY_TEXT_CELL,
  formulaInput: rollupFormulaInput,
  decode: (context) => context.rollup(),
  encode: refuseAll,
  show: (value) => single(value as string | null),
} satisfies PropertyCodec
