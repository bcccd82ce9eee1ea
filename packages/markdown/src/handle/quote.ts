import type { BlockContent } from 'mdast'
import type { BlockHandler } from '../exportState.js'

/** `quote`: `> text`, its children inside the quote. */
export const quote: BlockHandler = (block, state) => {
  const title = state.phrasing(block, 'title')
  const inner = state.children(block) as BlockContent[]
  // An empty quote with children starts with them, as it reads back.
  const children: BlockContent[] = title.length === 0 && inner.length > 0 ? inner : [{ type: 'paragraph', children: title }, ...inner]
  return state.colored(block, [{ type: 'blockquote', children }])
}
