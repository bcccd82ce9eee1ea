import { mentionCodec } from './mentionCodec.js'

/** `relation`: page (row) ids of another database, stored as `p` mentions. */
export const relationCodec = mentionCodec('relation')
