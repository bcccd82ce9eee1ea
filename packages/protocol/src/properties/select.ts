import { optionCodec } from './optionCodec.js'

/** `select`: one option value, stored as its text. */
export const selectCodec = optionCodec('select')
