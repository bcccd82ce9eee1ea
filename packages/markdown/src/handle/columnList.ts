import type { BlockHandler } from '../exportState.js'

/** `column_list`: its columns' content, flattened in order (markdown has no columns). */
export const columnList: BlockHandler = (block, state) => state.children(block)
