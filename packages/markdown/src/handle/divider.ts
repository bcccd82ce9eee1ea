import type { BlockHandler } from '../exportState.js'

/** `divider`: `---`. */
export const divider: BlockHandler = () => [{ type: 'thematicBreak' }]
