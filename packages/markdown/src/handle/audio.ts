import type { BlockHandler } from '../exportState.js'
import { mediaLink } from './media.js'

/** `audio`: a link to it (`[caption or name](url)`). */
export const audio: BlockHandler = (block, state) => mediaLink(block, state)
