import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { markdownToBlocks, markdownToPage } from '../src/index.js'
import { readMarkdown } from '../src/markdownToBlocks.js'
import { topLevelSections } from '../src/topLevelSections.js'

// Fragments chosen for what may span blank lines or continue after one: fences with blank lines and
// unindented content, math, nested directives, HTML blocks, loose lists, indented code, quotes.
const FRAGMENTS = [
  'Plain paragraph with **bold** and a [link](https://example.com).',
  '# Heading',
  'Setext heading\n===',
  '- item\n- item two',
  '- loose item',
  '1. first',
  '2. second',
  '  indented continuation',
  '    indented code',
  '> quote\n>\n> more quote',
  '> quote',
  'lazy line',
  '```ts\nconst a = 1\n\nunindented inside the fence\n```',
  '```',
  '~~~\ntilde fence\n\n~~~',
  '$$\nx^2\n\n$$',
  '$$x$$ inline math',
  ':::callout{icon="💡"}\nInside\n\nStill inside\n:::',
  '::::toggle\nOuter\n\n:::callout\nInner\n\n:::\nafter inner\n::::',
  ':::',
  '<!-- a comment\n\nthat spans blank lines -->',
  '<pre>\npre text\n\nmore pre\n</pre>',
  '<div>\nhtml block\n</div>',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '---',
  '***',
  '- [ ] task\n- [x] done',
  '* star item',
  '+ plus item',
  'Text with `code` and ~~strike~~.',
]

const documentArbitrary = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom('\n\n', '\n', '\n\n\n')), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.map(([fragment, separator]) => fragment + separator).join(''))

describe('topLevelSections', () => {
  it('read in the smallest sections, any document of tricky fragments gives the blocks of the whole', () => {
    fc.assert(
      fc.property(documentArbitrary, (markdown) => {
        expect(topLevelSections(markdown, 1).join('')).toBe(markdown)
        expect(readMarkdown(markdown, true, 1)).toEqual(readMarkdown(markdown, true, Number.POSITIVE_INFINITY))
      }),
      { numRuns: Number(process.env['FC_RUNS'] ?? 300) },
    )
  }, 120_000)

  it('does split plain documents, and leaves documents with definitions whole', () => {
    const markdown = Array.from({ length: 50 }, (_, index) => `## Part ${index}\n\nText ${index}.\n\n- a\n- b\n`).join('\n')
    expect(topLevelSections(markdown, 1).length).toBeGreaterThan(50)
    expect(topLevelSections(`${markdown}\n[ref]: https://example.com\n`, 1)).toHaveLength(1)
    expect(topLevelSections(`${markdown}\n[^note]: a footnote\n`, 1)).toHaveLength(1)
  })

  it('a long document split by markdownToPage gives every block of every part, in order', () => {
    const part = '## Section\n\nParagraph with *emphasis*.\n\n```js\nlet x = 1\n\nx++\n```\n\n:::toggle\nHidden\n\nMore\n:::\n\n1. one\n\n2. two\n\n> quote\n\n'
    const markdown = `# Title\n\n${part.repeat(400)}`
    expect(topLevelSections(markdown).length).toBeGreaterThan(1)
    const page = markdownToPage(markdown)
    expect(page.title).toEqual([['Title']])
    const one = markdownToBlocks(part)
    expect(page.blocks).toEqual(Array.from({ length: 400 }, () => one).flat())
  })
})
