import { plainText } from '../query/storedCell.js'
import { numberOfText } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { single } from './shownValues.js'

/** `number`: a finite number stored as its text; blank or unreadable text reads as `null`. */
export const numberCodec = {
  type: 'number',
  readOnly: false,
  accepts: 'a finite number',
  cleared: [],
  filterOperators: FILTERS.number,
  aggregators: AGGREGATES.numeric,
  cell: ({ raw }) => ({ kind: 'number', number: numberOfText(plainText(raw)) ?? undefined }),
  decode: ({ raw }) => numberOfText(plainText(raw)),
  encode: (value) => (typeof value === 'number' && Number.isFinite(value) ? { richText: [[String(value)]] } : { refused: value }),
  show: (value) => single(value === null ? null : String(value)),
  convertInto: (input) => {
    const shown = input.shown()
    return shown === undefined ? undefined : { value: numberOfText(shown.values.join(', ')) }
  },
} satisfies PropertyCodec
