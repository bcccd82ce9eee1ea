import { keptRichTextCodec } from './keptRichTextCodec.js'

/** `location`: not interpreted yet, kept as the stored rich text. */
export const locationCodec = keptRichTextCodec('location')
