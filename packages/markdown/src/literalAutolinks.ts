import type { PhrasingContent } from 'mdast'

/**
 * GFM links bare `www.x.com` and `https://x.com` after parsing, on the decoded text, so no
 * escape in `toMarkdown` could keep such text plain; they are read as text instead. A real
 * link starts with `[` or `<` in the source.
 */
export function withoutLiteralAutolinks(nodes: readonly PhrasingContent[], markdown: string): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    if (node.type === 'link') {
      // GFM's transform gives its links no position.
      const first = node.position === undefined ? '' : markdown.charAt(node.position.start.offset ?? 0)
      if (first !== '[' && first !== '<') return withoutLiteralAutolinks(node.children, markdown)
    }
    if ('children' in node) return [{ ...node, children: withoutLiteralAutolinks(node.children, markdown) } as PhrasingContent]
    return [node]
  })
}
