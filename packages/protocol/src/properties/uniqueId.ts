import { rowNumberCodec } from './rowNumberCodec.js'

/** `unique_id`: the row's number (the public API's name, with an optional prefix), read-only. */
export const uniqueIdCodec = rowNumberCodec('unique_id')
