import { plainTextToRichText, type RichText } from '@notion-rx/protocol'
import type { Nodes, Root, RootContent } from 'mdast'
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
  if (sections.length === 1) return convertSection(markdown, parse(markdown), page)
  // Each section is a run of whole top-level blocks: parsed apart, they give the same trees. One
  // whose last block is left open would run on in the whole document: it joins the next.
  const parsed: { markdown: string; tree: Root }[] = []
  let carried = ''
  for (const [index, section] of sections.entries()) {
    const text = carried + section
    const tree = parse(text)
    if (tree === undefined) return convertSection(markdown, parse(markdown), page)
    carried = index < sections.length - 1 && openAtEnd(tree, text) ? text : ''
    if (carried === '') parsed.push({ markdown: text, tree })
  }
  // A definition anywhere gives meaning to references everywhere: such a document is read whole.
  // Definitions are block syntax, parsed the same apart, and each holds `]:`.
  if (parsed.some((section) => section.markdown.includes(']:') && holdsDefinition(section.tree))) {
    return convertSection(markdown, parse(markdown), page)
  }
  const converted = parsed.map((section, index) => convertSection(section.markdown, section.tree, page && index === 0))
  return { title: converted[0]?.title, blocks: converted.flatMap((section) => section.blocks) }
}

/** The mdast of `markdown`; undefined when it is nested too deeply for the parser (a RangeError). */
function parse(markdown: string): Root | undefined {
  try {
    return processor.parse(markdown)
  } catch (error) {
    if (error instanceof RangeError) return undefined
    throw error
  }
}

/** Whether the tree holds a link reference or footnote definition (a loop: trees may be deep). */
function holdsDefinition(tree: Root): boolean {
  const pending: Nodes[] = [tree]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === 'definition' || node.type === 'footnoteDefinition') return true
    if ('children' in node) pending.push(...(node.children as Nodes[]))
  }
  return false
}

/** A section's blocks, from its tree (undefined when too deep to parse: then kept as text). */
function convertSection(markdown: string, tree: Root | undefined, page: boolean): MarkdownPage {
  try {
    if (tree === undefined) throw new RangeError('nested too deeply')
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
