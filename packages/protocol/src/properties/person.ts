import { mentionCodec } from './mentionCodec.js'

/** `person`: user ids, stored as `u` mentions. */
export const personCodec = mentionCodec('person')
