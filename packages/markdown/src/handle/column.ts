import type { BlockHandler } from '../exportState.js'

/** `column`: its content, in order. */
export const column: BlockHandler = (block, state) => state.children(block)
