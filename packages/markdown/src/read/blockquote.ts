import type { Blockquote } from 'mdast'
import { blockNode, titleAndChildren, type NodeReader } from './importState.js'

/** `> text`: a `quote` block; what follows its first paragraph are its children. */
export const blockquote: NodeReader<Blockquote> = (node, state) => {
  const { title, children } = titleAndChildren(node.children, state)
  return [blockNode('quote', { title }, {}, children)]
}
