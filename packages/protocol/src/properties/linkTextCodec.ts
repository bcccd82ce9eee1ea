import { plainText } from '../query/storedCell.js'
import { encodeLinkText, textCell } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { single } from './shownValues.js'
import { textCodec } from './text.js'

/** The codec of url, email and phone number: a string stored as a link to itself. */
export function linkTextCodec(type: 'url' | 'email' | 'phone_number'): PropertyCodec {
  return {
    type,
    readOnly: false,
    accepts: 'a string',
    cleared: [],
    textLike: true,
    filterOperators: FILTERS.string,
    aggregators: AGGREGATES.counts,
    cell: textCell,
    decode: ({ raw }) => plainText(raw),
    encode: encodeLinkText,
    show: (value) => single(value as string | null),
    convertInto: textCodec.convertInto,
  }
}
