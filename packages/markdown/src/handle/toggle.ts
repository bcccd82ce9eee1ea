import type { BlockHandler } from '../exportState.js'
import { containerNodes } from './container.js'

/** `toggle`: `:::toggle` with the summary as the first paragraph, then the hidden children. */
export const toggle: BlockHandler = (block, state) => state.colored(block, containerNodes('toggle', block, state))
