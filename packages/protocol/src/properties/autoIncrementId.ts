import { rowNumberCodec } from './rowNumberCodec.js'

/** `auto_increment_id`: the row's number (the v3 name), read-only. */
export const autoIncrementIdCodec = rowNumberCodec('auto_increment_id')
