import { richTextSchema } from '../richText.js'
import { keptRichTextCodec } from './keptRichTextCodec.js'
import type { PropertyCodec } from './propertyCodec.js'

/**
 * The codec of a type newer than notion-rx: the stored rich text read as is, text in and text out
 * (a string is stored as one plain segment, as notion-py did for raw values); every operator.
 */
export const unknownPropertyCodec: PropertyCodec = {
  ...keptRichTextCodec('unknown'),
  encode: (value) => {
    if (typeof value === 'string') return { richText: [[value]] }
    const parsed = richTextSchema.safeParse(value)
    return parsed.success ? { richText: parsed.data } : { refused: value }
  },
}
