import { editTimeCodec } from './editTimeCodec.js'

/** `last_edited_time`: when the row was last edited (the row's `last_edited_time`), read-only. */
export const lastEditedTimeCodec = editTimeCodec('last_edited_time')
