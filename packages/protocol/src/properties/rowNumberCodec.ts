import { plainText } from '../query/storedCell.js'
import { READ_ONLY_ACCEPTS, refuseAll, textCell } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { single } from './shownValues.js'

/** The digits of a stored id (`TASK-12` → 12); `null` without any. */
const digitsOf = (raw: unknown) => {
  const digits = /\d+/.exec(plainText(raw))
  return digits ? Number(digits[0]) : null
}

/** The codec of auto_increment_id and unique_id: a number Notion gives each row, read-only. */
export function rowNumberCodec(type: 'auto_increment_id' | 'unique_id'): PropertyCodec {
  return {
    type,
    readOnly: true,
    accepts: READ_ONLY_ACCEPTS,
    cleared: [],
    filterOperators: FILTERS.number,
    aggregators: AGGREGATES.numeric,
    cell: textCell,
    formulaInput: ({ raw }) => digitsOf(raw),
    decode: ({ raw }) => digitsOf(raw),
    encode: refuseAll,
    show: (value) => single(value === null ? null : String(value)),
  }
}
