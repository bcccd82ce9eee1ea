import { textOf, type BlockHandler } from '../exportState.js'
import { listItemNodes } from './listItem.js'

/** `to_do`: a GFM task list item, `- [x] done` / `- [ ] not yet`. */
export const toDo: BlockHandler = (block, state) =>
  listItemNodes(block, state, { ordered: false, checked: textOf(state, block, 'checked') === 'Yes' })
