import { READ_ONLY_ACCEPTS, refuseAll, textCell } from './codecParts.js'
import { ANY_OPERATORS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'

/** `button`: runs an automation in the UI; it holds no value (`null`), read-only. */
export const buttonCodec = {
  type: 'button',
  readOnly: true,
  accepts: READ_ONLY_ACCEPTS,
  cleared: [],
  ...ANY_OPERATORS,
  cell: textCell,
  formulaInput: () => null,
  decode: () => null,
  encode: refuseAll,
} satisfies PropertyCodec
