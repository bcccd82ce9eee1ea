import type { BlockHandler } from '../exportState.js'
import { listItemNodes } from './listItem.js'

/** `bulleted_list`: `- item`, children nested under it. */
export const bulletedList: BlockHandler = (block, state) => listItemNodes(block, state, { ordered: false })
