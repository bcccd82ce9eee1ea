import type { BlockContent } from 'mdast'
import type { BlockHandler } from '../exportState.js'

/** `quote`: `> text`, its children inside the quote. */
export const quote: BlockHandler = (block, state) => {
  const title = state.phrasing(block, 'title')
  const children = [{ type: 'paragraph' as const, children: title }, ...state.children(block)] as BlockContent[]
  return state.colored(block, [{ type: 'blockquote', children }])
}
