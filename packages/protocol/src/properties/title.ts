import { richTextToPlainText } from '../richText.js'
import { encodeRichText, richTextOf, textCell } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { single } from './shownValues.js'

/** `title`: the row's name, rich text; a string through `richTextToString` (plain text by default). */
export const titleCodec = {
  type: 'title',
  readOnly: false,
  accepts: 'a string or rich text',
  cleared: [],
  textLike: true,
  filterOperators: FILTERS.string,
  aggregators: AGGREGATES.counts,
  cell: textCell,
  decode: ({ raw, richTextToString }) => {
    const richText = richTextOf(raw)
    return richTextToString ? richTextToString(richText) : richTextToPlainText(richText)
  },
  encode: encodeRichText,
  show: (value) => single(value as string | null),
} satisfies PropertyCodec
