import type { BlockHandler } from '../exportState.js'
import { mediaLink } from './media.js'

/** `embed`: a link to it (`[caption or name](url)`). */
export const embed: BlockHandler = (block, state) => mediaLink(block, state)
