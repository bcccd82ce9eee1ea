import type { LeafDirective } from 'mdast-util-directive'
import { blockNode, type NodeReader } from './importState.js'

/** Blocks without content written as leaf directives of their type's name. */
const contentless: ReadonlySet<string> = new Set(['table_of_contents', 'breadcrumb'])

/**
 * `::table_of_contents`, `::breadcrumb`, and `::block{#id type='…'}` (a block of a type with no
 * markdown form): an empty block of that type. Other leaf directives stay text.
 */
export const leafDirective: NodeReader<LeafDirective> = (node, state) => {
  const type = node.attributes?.['type']
  if (node.name === 'block' && type) return [blockNode(type)]
  if (contentless.has(node.name)) return [blockNode(node.name)]
  return [blockNode('text', { title: [[state.source(node)]] })]
}
