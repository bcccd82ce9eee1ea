import { evaluateFormula } from '../formula/evaluateFormula.js'
import type { FormulaValue } from '../formula/formulaValue.js'
import { computeFormula, formulaCell } from '../query/formulaCell.js'
import { READ_ONLY_ACCEPTS, refuseAll } from './codecParts.js'
import { ANY_OPERATORS } from './operatorSets.js'
import type { PropertyCodec, PropertyOperators } from './propertyCodec.js'
import { formulaText, single } from './shownValues.js'

/** Result types whose filter operators a formula takes (`boolean` is an older name of checkbox). */
const FILTERED_AS: Readonly<Record<string, string>> = { text: 'text', number: 'number', checkbox: 'checkbox', boolean: 'checkbox', date: 'date' }

/**
 * A formula is filtered and aggregated as its `result_type`: filters for text, number, checkbox
 * and date results, aggregators for any known type's results; every one otherwise.
 */
function operatorsOf(property: { formula?: Record<string, unknown> | undefined }, codecFor: (type: string) => PropertyCodec): PropertyOperators {
  const resultType = property.formula?.['result_type']
  if (typeof resultType !== 'string') return ANY_OPERATORS
  const filteredAs = Object.hasOwn(FILTERED_AS, resultType) ? FILTERED_AS[resultType] : undefined
  const aggregatedAs = resultType === 'boolean' ? 'checkbox' : resultType
  return {
    filterOperators: filteredAs === undefined ? ANY_OPERATORS.filterOperators : codecFor(filteredAs).filterOperators,
    aggregators: codecFor(aggregatedAs).aggregators,
  }
}

/** `formula`: computed locally from the schema's formula AST, as Notion's clients compute it; read-only. */
export const formulaCodec = {
  type: 'formula',
  readOnly: true,
  accepts: READ_ONLY_ACCEPTS,
  cleared: [],
  computed: true,
  ...ANY_OPERATORS,
  operatorsOf,
  cell: (context) => formulaCell(context, context.decoder),
  formulaInput: (context) => computeFormula(context, context.decoder),
  decode: (context) => {
    const { property } = context
    const evaluation = evaluateFormula(property.formula, { now: context.now, timeZone: context.timeZone, property: (id) => context.formulaInput(id) })
    if (evaluation.unsupported.length > 0) {
      context.onFormulaIssue?.({ propertyId: property.id, propertyName: property.name, unsupported: evaluation.unsupported })
    }
    return evaluation.value
  },
  encode: refuseAll,
  show: (value, context) => (value === undefined ? undefined : single(formulaText(value as FormulaValue, context.timeZone))),
} satisfies PropertyCodec
