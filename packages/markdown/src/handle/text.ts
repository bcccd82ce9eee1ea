import type { BlockHandler } from '../exportState.js'

/** `text`: a paragraph; an empty one is left out (markdown has no empty paragraphs). */
export const text: BlockHandler = (block, state) => {
  const children = state.phrasing(block, 'title')
  const own = children.length === 0 ? [] : state.colored(block, [{ type: 'paragraph', children }])
  // Markdown cannot indent a paragraph's children under it; they follow it.
  return [...own, ...state.children(block)]
}
