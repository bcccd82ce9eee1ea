import { encodeRichText, richTextOf, textCell } from './codecParts.js'
import { ANY_OPERATORS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'

/**
 * The codec of types notion-rx does not interpret yet (verification, location): the stored rich
 * text, as is; written from a string or rich text. Retypes neither read nor write them.
 */
export function keptRichTextCodec(type: string): PropertyCodec {
  return {
    type,
    readOnly: false,
    accepts: 'a string or rich text',
    cleared: [],
    ...ANY_OPERATORS,
    cell: textCell,
    decode: ({ raw }) => (raw === undefined ? undefined : richTextOf(raw)),
    encode: encodeRichText,
  }
}
