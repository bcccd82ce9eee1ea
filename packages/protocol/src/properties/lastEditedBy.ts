import { authorCodec } from './authorCodec.js'

/** `last_edited_by`: the user who last edited the row, read-only. */
export const lastEditedByCodec = authorCodec('last_edited_by')
