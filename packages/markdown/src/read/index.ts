import type { RootContent } from 'mdast'
import { blockquote } from './blockquote.js'
import { code } from './code.js'
import { containerDirective } from './containerDirective.js'
import { heading } from './heading.js'
import { html } from './html.js'
import type { NodeReader } from './importState.js'
import { leafDirective } from './leafDirective.js'
import { list } from './list.js'
import { math } from './math.js'
import { paragraph } from './paragraph.js'
import { table } from './table.js'
import { thematicBreak } from './thematicBreak.js'

/**
 * The reader of each mdast flow node (the reverse of `handle/`). Nodes not listed (definitions,
 * footnote definitions, front matter) are kept as text blocks of their source.
 */
export const read: Readonly<Partial<Record<RootContent['type'], NodeReader<never>>>> = {
  paragraph,
  heading,
  list,
  blockquote,
  code,
  math,
  thematicBreak,
  table,
  containerDirective,
  leafDirective,
  html,
}
