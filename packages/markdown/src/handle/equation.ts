import { textOf, type BlockHandler } from '../exportState.js'

/** `equation`: a `$$` math block holding the LaTeX. */
export const equation: BlockHandler = (block, state) => [{ type: 'math', meta: null, value: textOf(state, block, 'title') }]
