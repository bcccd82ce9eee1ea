import type { ContainerDirective } from 'mdast-util-directive'
import type { BlockNode } from '../blockNode.js'
import { blockNode, titleAndChildren, type ImportState, type NodeReader } from './importState.js'

type DirectiveReader = (node: ContainerDirective, state: ImportState) => BlockNode[]

/** The block forms written as `:::name` containers (see handle/): callout, toggle, color. */
const directives: Readonly<Record<string, DirectiveReader>> = {
  callout(node, state) {
    const { title, children } = titleAndChildren(node.children, state)
    const { icon, color } = node.attributes ?? {}
    return [blockNode('callout', { title }, { ...(icon ? { page_icon: icon } : {}), ...(color ? { block_color: color } : {}) }, children)]
  },
  toggle(node, state) {
    const { title, children } = titleAndChildren(node.children, state)
    return [blockNode('toggle', { title }, {}, children)]
  },
  color(node, state) {
    const color = node.attributes?.['value']
    const blocks = state.blocks(node.children)
    return color ? blocks.map((block) => ({ ...block, format: { ...block.format, block_color: color } })) : blocks
  },
}

/** `:::callout`, `:::toggle`, `:::color`; other containers give their content. */
export const containerDirective: NodeReader<ContainerDirective> = (node, state) =>
  Object.hasOwn(directives, node.name) ? directives[node.name]!(node, state) : state.blocks(node.children)
