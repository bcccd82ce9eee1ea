import { optionCodec } from './optionCodec.js'

/** `multi_select`: option values, stored as one comma-joined string. */
export const multiSelectCodec = optionCodec('multi_select')
