import type { Heading } from 'mdast'
import { blockNode, type NodeReader } from './importState.js'

const types = ['header', 'header', 'sub_header', 'sub_sub_header', 'header_4', 'header_4', 'header_4'] as const

/** `#` → `header`, `##` → `sub_header`, `###` → `sub_sub_header`, deeper → `header_4`. */
export const heading: NodeReader<Heading> = (node, state) => [blockNode(types[node.depth]!, { title: state.richText(node.children) })]
