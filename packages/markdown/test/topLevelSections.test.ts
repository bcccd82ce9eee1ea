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
  // Definitions act across the document, also from inside containers and with labels over lines.
  '[*a*][ref] and [^note]',
  '> [ref]: https://example.com/quoted',
  '- [ref]: https://example.com/listed',
  '[multi\nline]: https://example.com/label',
  '[*b*][multi line]',
  '> [^note]: a quoted footnote',
  // Not blank to markdown: a no-break space is text (a lazy line), a lone CR ends a line.
  '\u00a0',
  '- item\n\u00a0',
  'x\r```',
  'y\rz',
  // Indented openers, setext underlines, continuations and tabs.
  '  :::callout\nindented directive',
  '   ```\nindented fence',
  '===',
  '---',
  '  - nested continuation',
  '\ttab-indented',
  '10) tenth',
  '-',
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

  it('read in sections of any size, any document of tricky fragments gives the blocks of the whole', () => {
    fc.assert(
      fc.property(documentArbitrary, fc.integer({ min: 1, max: 400 }), (markdown, bytes) => {
        expect(readMarkdown(markdown, false, bytes)).toEqual(readMarkdown(markdown, false, Number.POSITIVE_INFINITY))
      }),
      { numRuns: Number(process.env['FC_RUNS'] ?? 300) },
    )
  }, 120_000)

  it('does split plain documents', () => {
    const markdown = Array.from({ length: 50 }, (_, index) => `## Part ${index}\n\nText ${index}.\n\n- a\n- b\n`).join('\n')
    expect(topLevelSections(markdown, 1).length).toBeGreaterThan(50)
  })

  // One case per boundary rule: the split (or its absence) and the blocks of the whole.
  const whole = (markdown: string) => readMarkdown(markdown, false, Number.POSITIVE_INFINITY)
  const splitAt = (markdown: string) => topLevelSections(markdown, 1).map((section) => section.split('\n')[0])

  it('reads a document with a definition whole, wherever the definition is', () => {
    for (const definition of ['[x]: /u', '> [x]: /u', '- [x]: /u', '1. > [x]: /u', '[\nx]: /u']) {
      const markdown = `[*a*][x]\n\nText\n\n${definition}\n`
      expect(splitAt(markdown).length).toBeGreaterThanOrEqual(2)
      const blocks = readMarkdown(markdown, false, 1).blocks
      expect(blocks).toEqual(whole(markdown).blocks)
      // The reference resolves (kept as its source); unresolved, `*a*` would be italic.
      expect(blocks[0]).toEqual({ type: 'text', properties: { title: [['[*a*][x]']] } })
    }
    const footnote = 'Call[^n] *here*\n\nText\n\n> [^n]: note\n'
    expect(readMarkdown(footnote, false, 1)).toEqual(whole(footnote))
  })

  it('splits before a column-0 line after a blank line, and nowhere else', () => {
    expect(splitAt('a\n\nb\n\n# c\n\n> d\n\n---\n')).toEqual(['a', 'b', '# c', '> d', '---'])
    // Lazy continuation, setext underline: no blank line before them.
    expect(splitAt('> a\nlazy\n\nb\n===\n')).toEqual(['> a', 'b'])
    // Indented lines continue a list item or are indented code; a marker continues a loose list.
    expect(splitAt('- a\n\n  more\n\n- b\n\n1. c\n\n2) d\n\n\tcode\n')).toEqual(['- a'])
    // A no-break space line is text (it continues the item's paragraph lazily), not a blank line.
    const nbsp = '- item\n\u00a0\ncontinued\n'
    expect(splitAt(nbsp)).toEqual(['- item'])
    expect(readMarkdown(nbsp, false, 1)).toEqual(whole(nbsp))
    // A lone carriage return is a line ending the line scan does not see: never split.
    expect(topLevelSections('a\r```\n\nb\n\n```\n', 1)).toHaveLength(1)
    expect(topLevelSections('a\r\n\r\nb\r\n', 1)).toHaveLength(2)
  })

  it('does not split inside a construct that holds blank lines', () => {
    for (const markdown of [
      '```\na\n\nb\n```\n\nc\n',
      '~~~~\na\n\n~~~\nb\n~~~~\n\nc\n',
      '$$\na\n\nb\n$$\n\nc\n',
      ':::toggle\na\n\nb\n:::\n\nc\n',
      '<!--\na\n\nb -->\n\nc\n',
      '<pre>\na\n\nb\n</pre>\n\nc\n',
    ]) {
      expect(splitAt(markdown)).toEqual([markdown.split('\n')[0], 'c'])
      expect(readMarkdown(markdown, false, 1)).toEqual(whole(markdown))
    }
  })

  it('reads a section whose last block is left open with the next one', () => {
    // The scan misses an indented opener; the parsed section shows the directive left open.
    const markdown = '  :::toggle\na\n\nb\n:::\n\nc\n'
    expect(splitAt(markdown)).toEqual(['  :::toggle', 'b', 'c'])
    const blocks = readMarkdown(markdown, false, 1).blocks
    expect(blocks).toEqual(whole(markdown).blocks)
    expect(blocks.map((block) => block.type)).toEqual(['toggle', 'text'])
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
