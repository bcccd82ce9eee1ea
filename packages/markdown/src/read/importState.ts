import type { RichText } from '@notion-rx/protocol'
import type { Nodes, PhrasingContent, RootContent } from 'mdast'
import type { BlockNode } from '../blockNode.js'

/** A reader: the blocks one mdast node becomes (the reverse of `handle/`, one file per node type). */
export type NodeReader<N extends RootContent = RootContent> = (node: N, state: ImportState) => BlockNode[]

export interface ImportState {
  /** The markdown source of a node (for things kept literally). */
  source(node: Nodes): string
  /** Phrasing content as rich text (literal autolinks stay text; images and HTML stay source). */
  richText(nodes: readonly PhrasingContent[]): RichText
  /** The blocks of a list of flow nodes. */
  blocks(nodes: readonly RootContent[]): BlockNode[]
}

/** `{ type, properties, format, children }` without empty parts. */
export function blockNode(
  type: string,
  properties: Record<string, RichText> = {},
  format: Record<string, unknown> = {},
  children: BlockNode[] = [],
): BlockNode {
  return {
    type,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(Object.keys(format).length > 0 ? { format } : {}),
    ...(children.length > 0 ? { children } : {}),
  }
}

/**
 * A container's title and children: its first paragraph is the title (quote, callout, toggle and
 * list items are written that way), the rest are children.
 */
export function titleAndChildren(children: readonly RootContent[], state: ImportState): { title: RichText; children: BlockNode[] } {
  const [first, ...rest] = children
  if (first?.type === 'paragraph' && !isImageParagraph(first)) return { title: state.richText(first.children), children: state.blocks(rest) }
  // Raw HTML first (`- <b>x`, `> <!--` unclosed) is the title's literal text, as it is elsewhere;
  // as a child under an empty title it would not read back the same.
  if (first?.type === 'html' && !/^<!--[\s\S]*-->\s*$/.test(first.value)) return { title: [[first.value]], children: state.blocks(rest) }
  return { title: [], children: state.blocks(children) }
}

export function isImageParagraph(node: RootContent): boolean {
  if (node.type !== 'paragraph') return false
  const meaningful = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  return meaningful.length === 1 && meaningful[0]!.type === 'image'
}
