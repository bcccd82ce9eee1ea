import type { BlockHandler } from '../exportState.js'
import { mediaLink } from './media.js'

/** `pdf`: a link to it (`[caption or name](url)`). */
export const pdf: BlockHandler = (block, state) => mediaLink(block, state)
