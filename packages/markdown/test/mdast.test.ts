import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { mdastToRichText, remarkRichText, richTextToMdast } from '../src/index.js'

describe('richTextToMdast / mdastToRichText', () => {
  it('nests shared decorations in one node', () => {
    expect(richTextToMdast([['Hi ', [['b']]], ['there', [['b'], ['i']]]])).toEqual([
      { type: 'strong', children: [{ type: 'text', value: 'Hi ' }, { type: 'emphasis', children: [{ type: 'text', value: 'there' }] }] },
    ])
  })

  it('writes newlines as break nodes and reads them back', () => {
    const nodes = richTextToMdast([['a\nb']])
    expect(nodes).toEqual([{ type: 'text', value: 'a' }, { type: 'break' }, { type: 'text', value: 'b' }])
    expect(mdastToRichText(nodes)).toEqual([['a\nb']])
  })

  it('reads nodes without rich-text meaning as their text, or as `literal` says', () => {
    const image = { type: 'image', url: 'x.png', alt: 'alt' } as const
    expect(mdastToRichText([image])).toEqual([['alt']])
    expect(mdastToRichText([image], { literal: () => '![alt](x.png)' })).toEqual([['![alt](x.png)']])
  })

  it('serves inside a document of other blocks, with the remarkRichText preset', () => {
    const processor = unified().use(remarkParse).use(remarkRichText).use(remarkStringify)
    const heading = richTextToMdast([['Title ', [['b']]], ['‣', [['u', 'u1']]], ['\nnext']])
    const markdown = processor.stringify({ type: 'root', children: [{ type: 'heading', depth: 1, children: heading }] })
    // A heading with a line break is written as a setext heading, so the break survives.
    expect(markdown).toMatch(/^\*\*Title&#x20;\*\*:user\{#u1\}\\\nnext\n=+\n$/)
    const tree = processor.parse(markdown)
    const parsed = tree.children[0]
    expect(parsed?.type).toBe('heading')
    if (parsed?.type === 'heading') {
      expect(mdastToRichText(parsed.children)).toEqual([['Title ', [['b']]], ['‣', [['u', 'u1']]], ['\nnext']])
    }
  })
})
