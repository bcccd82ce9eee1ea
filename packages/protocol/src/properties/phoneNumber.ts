import { linkTextCodec } from './linkTextCodec.js'

/** `phone_number`: a string, stored as a link to itself. */
export const phoneNumberCodec = linkTextCodec('phone_number')
