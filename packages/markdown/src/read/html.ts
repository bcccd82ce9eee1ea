import type { Html } from 'mdast'
import { blockNode, type NodeReader } from './importState.js'

/** HTML comments (notes such as "not loaded") are dropped; other HTML stays as literal text. */
export const html: NodeReader<Html> = (node) =>
  /^<!--[\s\S]*-->\s*$/.test(node.value) ? [] : [blockNode('text', { title: [[node.value]] })]
