import { optionCodec } from './optionCodec.js'

/** `status`: one option value, stored as its text. */
export const statusCodec = optionCodec('status')
