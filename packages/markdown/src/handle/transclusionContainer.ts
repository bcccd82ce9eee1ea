import type { BlockHandler } from '../exportState.js'

/** `transclusion_container` (a synced block's original): its content. */
export const transclusionContainer: BlockHandler = (block, state) => state.children(block)
