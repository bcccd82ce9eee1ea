import { textOf, type BlockHandler } from '../exportState.js'
import { mediaLink } from './media.js'

/** `bookmark`: `[title](link)`. */
export const bookmark: BlockHandler = (block, state) => mediaLink(block, state, textOf(state, block, 'link'))
