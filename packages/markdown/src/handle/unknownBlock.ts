import type { BlockHandler } from '../exportState.js'
import { scalarText } from '../scalarText.js'

/**
 * A block with no markdown form (table of contents, breadcrumb, buttons, types notion-rx does not
 * know): a leaf directive that keeps its type and id, `::block{#<id> type='table_of_contents'}`,
 * then its children. It imports back as an empty block of that type (when the type is known).
 */
export const unknownBlock: BlockHandler = (block, state) => [
  { type: 'leafDirective', name: 'block', attributes: { id: scalarText(block['id']), type: scalarText(block['type']) }, children: [] },
  ...state.children(block),
]
