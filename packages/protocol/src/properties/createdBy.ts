import { authorCodec } from './authorCodec.js'

/** `created_by`: the user who created the row, read-only. */
export const createdByCodec = authorCodec('created_by')
