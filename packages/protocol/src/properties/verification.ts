import { keptRichTextCodec } from './keptRichTextCodec.js'

/** `verification` (wiki pages): not interpreted yet, kept as the stored rich text. */
export const verificationCodec = keptRichTextCodec('verification')
