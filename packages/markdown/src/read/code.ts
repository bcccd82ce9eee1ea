import type { Code } from 'mdast'
import { languageName } from '../codeLanguage.js'
import { blockNode, type NodeReader } from './importState.js'

/** A fenced or indented code block: a `code` block, its language by Notion's name (`ts`-style tags kept). */
export const code: NodeReader<Code> = (node) => [
  blockNode('code', { title: node.value === '' ? [] : [[node.value]], language: [[node.lang ? languageName(node.lang) : 'Plain Text']] }),
]
