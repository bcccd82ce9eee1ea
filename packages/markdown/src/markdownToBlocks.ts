import { plainTextToRichText, type RichText } from '@notion-rx/protocol'
import type { Nodes, RootContent } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { BlockNode } from './blockNode.js'
import { withoutLiteralAutolinks } from './literalAutolinks.js'
import { mdastToRichText } from './mdastToRichText.js'
import { read } from './read/index.js'
import { blockNode, type ImportState, type NodeReader } from './read/importState.js'
import { remarkBlocks } from './remarkBlocks.js'

const processor = unified().use(remarkParse).use(remarkBlocks).freeze()

/** A markdown document as a page: its leading `#` heading is the title. */
export interface MarkdownPage {
  /** The leading `# heading`'s rich text; undefined when the document does not start with one. */
  title: RichText | undefined
  blocks: BlockNode[]
}

/**
 * Markdown as a tree of blocks to create (the forms are in docs/markdown.md, "Pages and blocks").
 * Never throws: whatever has no block form stays as text.
 * @example markdownToBlocks('- [ ] Ship') // [{ type: 'to_do', properties: { title: [['Ship']], checked: [['No']] } }]
 */
export function markdownToBlocks(markdown: string): BlockNode[] {
  return convert(markdown, false).blocks
}

/**
 * Markdown as a page: the leading `# heading` (as `pageToMarkdown` writes the title) and the
 * blocks after it.
 * @example markdownToPage('# Plan\n\nText') // { title: [['Plan']], blocks: [{ type: 'text', … }] }
 */
export function markdownToPage(markdown: string): MarkdownPage {
  return convert(markdown, true)
}

function convert(markdown: string, page: boolean): MarkdownPage {
  try {
    const tree = processor.parse(markdown)
    const state: ImportState = {
      source: (node: Nodes) =>
        node.position?.start.offset === undefined || node.position.end.offset === undefined
          ? ''
          : markdown.slice(node.position.start.offset, node.position.end.offset),
      richText: (nodes) => mdastToRichText(withoutLiteralAutolinks(nodes, markdown), { literal: (node) => state.source(node) }),
      blocks: (nodes) => nodes.flatMap((node) => readNode(node, state)),
    }
    let children = tree.children
    let title: RichText | undefined
    const first = children[0]
    if (page && first?.type === 'heading' && first.depth === 1) {
      title = state.richText(first.children)
      children = children.slice(1)
    }
    return { title, blocks: state.blocks(children) }
  } catch (error) {
    // Markdown nested thousands of levels deep overflows recursive tree walks: kept as text.
    if (error instanceof RangeError) return { title: undefined, blocks: markdown.trim() === '' ? [] : [blockNode('text', { title: plainTextToRichText(markdown) })] }
    throw error
  }
}

function readNode(node: RootContent, state: ImportState): BlockNode[] {
  const reader = read[node.type] as NodeReader | undefined
  if (reader) return reader(node, state)
  const source = state.source(node)
  return source.trim() === '' ? [] : [blockNode('text', { title: [[source]] })]
}
