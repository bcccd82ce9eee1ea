import type { LeafDirective } from 'mdast-util-directive'
import { blockNode, type NodeReader } from './importState.js'

/** `::block{#id type='table_of_contents'}` (a block without a markdown form): an empty block of that type. Other leaf directives stay text. */
export const leafDirective: NodeReader<LeafDirective> = (node, state) => {
  const type = node.attributes?.['type']
  if (node.name === 'block' && type) return [blockNode(type)]
  return [blockNode('text', { title: [[state.source(node)]] })]
}
