import type { BlockHandler } from '../exportState.js'
import { mediaLink } from './media.js'

/** `video`: a link to it (`[caption or name](url)`). */
export const video: BlockHandler = (block, state) => mediaLink(block, state)
