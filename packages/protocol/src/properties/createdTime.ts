import { editTimeCodec } from './editTimeCodec.js'

/** `created_time`: when the row was created (the row's `created_time`), read-only. */
export const createdTimeCodec = editTimeCodec('created_time')
