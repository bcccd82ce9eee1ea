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
import { openAtEnd } from './openAtEnd.js'
import { topLevelSections } from './topLevelSections.js'

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
  return readMarkdown(markdown, false).blocks
}

/**
 * Markdown as a page: the leading `# heading` (as `pageToMarkdown` writes the title) and the
 * blocks after it.
 * @example markdownToPage('# Plan\n\nText') // { title: [['Plan']], blocks: [{ type: 'text', … }] }
 */
export function markdownToPage(markdown: string): MarkdownPage {
  return readMarkdown(markdown, true)
}

/**
 * Markdown as blocks (a page's leading `#` heading as its title when `page`), read in sections of
 * about `sectionBytes` (see topLevelSections) so that long documents cost linear time. Exported
 * for tests; the package exports markdownToBlocks and markdownToPage.
 */
export function readMarkdown(markdown: string, page: boolean, sectionBytes?: number): MarkdownPage {
  const sections = topLevelSections(markdown, sectionBytes)
  if (sections.length === 1) return convertSection(markdown, page, false)!
  // Each section is a run of whole top-level blocks: converted apart, they give the same blocks.
  // One whose last block is left open would run on in the whole document: it joins the next.
  const converted: MarkdownPage[] = []
  let carried = ''
  sections.forEach((section, index) => {
    const text = carried + section
    const result = convertSection(text, page && converted.length === 0, index < sections.length - 1)
    carried = result === undefined ? text : ''
    if (result) converted.push(result)
  })
  return { title: converted[0]?.title, blocks: converted.flatMap((section) => section.blocks) }
}

/** A section's blocks; undefined when `checkOpen` and its last block is left open (see openAtEnd). */
function convertSection(markdown: string, page: boolean, checkOpen: boolean): MarkdownPage | undefined {
  try {
    const tree = processor.parse(markdown)
    if (checkOpen && openAtEnd(tree, markdown)) return undefined
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
