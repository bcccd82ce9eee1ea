import { linkTextCodec } from './linkTextCodec.js'

/** `email`: a string, stored as a link to itself. */
export const emailCodec = linkTextCodec('email')
