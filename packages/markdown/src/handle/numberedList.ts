import { formatOf, type BlockHandler } from '../exportState.js'
import { listItemNodes } from './listItem.js'

/** `numbered_list`: `1. item`; `format.list_start_index` is the list's start. */
export const numberedList: BlockHandler = (block, state) => {
  const start = formatOf(block)['list_start_index']
  return listItemNodes(block, state, { ordered: true, ...(typeof start === 'number' ? { start } : {}) })
}
