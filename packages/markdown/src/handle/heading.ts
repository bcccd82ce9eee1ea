import type { Heading } from 'mdast'
import type { BlockHandler } from '../exportState.js'

/** The handler of a heading block of one level; a toggle heading's children follow it. */
export function heading(depth: Heading['depth']): BlockHandler {
  return (block, state) => [
    ...state.colored(block, [{ type: 'heading', depth, children: state.phrasing(block, 'title') }]),
    ...state.children(block),
  ]
}
