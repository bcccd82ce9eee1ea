import type { Math } from 'mdast-util-math'
import { blockNode, type NodeReader } from './importState.js'

/** A `$$` block: an `equation` block. */
export const math: NodeReader<Math> = (node) => [blockNode('equation', { title: node.value === '' ? [] : [[node.value]] })]
