import { plainTextToRichText } from '@notion-rx/protocol'
import type { RichText } from '@notion-rx/protocol'
import type { Node, PhrasingContent } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { withoutLiteralAutolinks } from './literalAutolinks.js'
import { mdastToRichText } from './mdastToRichText.js'
import { remarkRichText } from './remarkRichText.js'
import { remarkTitle } from './remarkTitle.js'

const processor = unified().use(remarkParse).use(remarkRichText).use(remarkTitle).freeze()

/**
 * The rich text of a markdown title (normalized). Any string is accepted and nothing is dropped:
 * block syntax (`# x`, `- y`, `> q`) stays literal text; paragraphs are joined by the blank lines
 * between them, as a title is one line of rich text; images, raw HTML, unknown or malformed
 * directives stay as their markdown source; bare URLs stay text (write `<https://…>` or
 * `[text](url)` for a link) so that plain text which looks like a URL survives a round trip;
 * markdown nested too deeply for the parser (thousands of levels) stays literal text.
 * @example fromMarkdown('Ship **it**') // [['Ship '], ['it', [['b']]]]
 */
export function fromMarkdown(markdown: string): RichText {
  try {
    return convert(markdown)
  } catch (error) {
    // Thousands of nested `*` overflow the stack of the parser's recursive tree walks; such
    // input is kept as the literal text it is, like everything else without rich-text meaning.
    if (error instanceof RangeError) return plainTextToRichText(markdown)
    throw error
  }
}

function convert(markdown: string): RichText {
  const tree = processor.parse(markdown)
  const source = (node: Node) =>
    node.position === undefined ? undefined : markdown.slice(node.position.start.offset, node.position.end.offset)
  const phrasing: PhrasingContent[] = []
  let previousEnd: number | undefined
  for (const node of tree.children) {
    const start = node.position?.start.offset ?? 0
    if (previousEnd !== undefined) phrasing.push({ type: 'text', value: markdown.slice(previousEnd, start) })
    if (node.type === 'paragraph') phrasing.push(...withoutLiteralAutolinks(node.children, markdown))
    else phrasing.push({ type: 'text', value: source(node) ?? '' })
    previousEnd = node.position?.end.offset ?? start
  }
  return mdastToRichText(phrasing, { literal: source })
}
