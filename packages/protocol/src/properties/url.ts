import { linkTextCodec } from './linkTextCodec.js'

/** `url`: a string, stored as a link to itself. */
export const urlCodec = linkTextCodec('url')
