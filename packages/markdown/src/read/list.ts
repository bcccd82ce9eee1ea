import type { List } from 'mdast'
import type { BlockNode } from '../blockNode.js'
import { blockNode, titleAndChildren, type NodeReader } from './importState.js'

/** A list: one block per item: `to_do` for task items, `numbered_list` or `bulleted_list` otherwise. */
export const list: NodeReader<List> = (node, state) =>
  node.children.map((item, index): BlockNode => {
    const { title, children } = titleAndChildren(item.children, state)
    if (typeof item.checked === 'boolean') return blockNode('to_do', { title, checked: [[item.checked ? 'Yes' : 'No']] }, {}, children)
    if (!node.ordered) return blockNode('bulleted_list', { title }, {}, children)
    const start = index === 0 && typeof node.start === 'number' && node.start !== 1 ? { list_start_index: node.start } : {}
    return blockNode('numbered_list', { title }, start, children)
  })
