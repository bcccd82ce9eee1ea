import type { BlockHandler } from '../exportState.js'
import { mediaLink } from './media.js'

/** `file`: a link to it (`[caption or name](url)`). */
export const file: BlockHandler = (block, state) => mediaLink(block, state)
