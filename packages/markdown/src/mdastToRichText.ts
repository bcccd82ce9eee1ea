import type { Decoration, RichText, RichTextSegment } from '@notion-rx/protocol'
import type { Nodes, PhrasingContent } from 'mdast'
import { formReading } from './decoration/decorationForms.js'
import { normalizeRichText } from './normalizeRichText.js'

export interface MdastToRichTextOptions {
  /**
   * The text of a node that has no rich-text meaning (an image, raw HTML, an unknown or malformed
   * directive); undefined for its plain text content. `fromMarkdown` passes the node's markdown
   * source, so it stays literally.
   * @default the node's plain text content
   * @example { literal: (node) => source.slice(node.position!.start.offset, node.position!.end.offset) }
   */
  literal?: (node: PhrasingContent) => string | undefined
}

/**
 * The rich text of mdast phrasing content (normalized): the inverse of `richTextToMdast`. Soft and
 * hard line breaks become `\n`; nodes without a rich-text meaning become text (see `literal`).
 * @example mdastToRichText([{ type: 'strong', children: [{ type: 'text', value: 'Hi' }] }]) // [['Hi', [['b']]]]
 */
export function mdastToRichText(nodes: readonly PhrasingContent[], options?: MdastToRichTextOptions): RichText {
  const segments: RichTextSegment[] = []
  const literal = (node: PhrasingContent) => options?.literal?.(node) ?? plainText(node)
  const visit = (children: readonly PhrasingContent[], active: readonly Decoration[]) => {
    for (const node of children) {
      if (node.type === 'text') {
        segments.push([node.value, [...active]])
        continue
      }
      if (node.type === 'break') {
        segments.push(['\n', [...active]])
        continue
      }
      const read = formReading(node)?.read(node)
      if (read === undefined) segments.push([literal(node), [...active]])
      else if ('text' in read) segments.push([read.text, [...active, read.decoration]])
      else visit(read.children, [...active, read.decoration])
    }
  }
  visit(nodes, [])
  return normalizeRichText(segments)
}

function plainText(node: Nodes): string {
  if ('value' in node) return node.value
  if (node.type === 'break') return '\n'
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}
