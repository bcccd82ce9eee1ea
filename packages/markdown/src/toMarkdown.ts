import type { RichText } from '@notion-rx/protocol'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { remarkRichText } from './remarkRichText.js'
import { richTextToMdast } from './richTextToMdast.js'

const processor = unified().use(remarkRichText).use(remarkStringify).freeze()

/**
 * Rich text as one line of markdown (one paragraph; newlines as hard breaks), lossless:
 * `fromMarkdown(toMarkdown(x))` equals `normalizeRichText(x)`. The form of every decoration is
 * in docs/markdown.md.
 * @example toMarkdown([['Ship '], ['it', [['b']]], [' '], ['‣', [['u', '4f1e…']]]]) // 'Ship **it** :user{#4f1e…}'
 */
export function toMarkdown(richText: RichText): string {
  const children = richTextToMdast(richText)
  if (children.length === 0) return ''
  const markdown = processor.stringify({ type: 'root', children: [{ type: 'paragraph', children }] })
  return markdown.endsWith('\n') ? markdown.slice(0, -1) : markdown
}
