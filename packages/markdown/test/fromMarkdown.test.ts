import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, toMarkdown } from '../src/index.js'

describe('fromMarkdown', () => {
  it('gives [] for empty markdown', () => {
    expect(fromMarkdown('')).toEqual([])
    expect(toMarkdown([])).toBe('')
  })

  it('reads block syntax as literal text of one paragraph', () => {
    expect(fromMarkdown('# x')).toEqual([['# x']])
    expect(fromMarkdown('- y')).toEqual([['- y']])
    expect(fromMarkdown('1. z')).toEqual([['1. z']])
    expect(fromMarkdown('> q')).toEqual([['> q']])
    expect(fromMarkdown('---')).toEqual([['---']])
    expect(fromMarkdown('a\n===')).toEqual([['a\n===']])
    expect(fromMarkdown('| a | b |\n|---|---|')).toEqual([['| a | b |\n|---|---|']])
    expect(fromMarkdown('[x]: https://x.org')).toEqual([['[x]: https://x.org']])
    expect(fromMarkdown('::leaf{#x}')).toEqual([['::leaf{#x}']])
  })

  it('keeps inline markdown inside block syntax', () => {
    expect(fromMarkdown('# **x**')).toEqual([['# '], ['x', [['b']]]])
  })

  it('joins paragraphs with the blank lines between them', () => {
    expect(fromMarkdown('a\n\nb')).toEqual([['a\n\nb']])
    expect(fromMarkdown('*a*\n\n\n**b**')).toEqual([['a', [['i']]], ['\n\n\n'], ['b', [['b']]]])
  })

  it('keeps soft and hard line breaks as newlines', () => {
    expect(fromMarkdown('a\nb  \nc\\\nd')).toEqual([['a\nb\nc\nd']])
  })

  it('keeps images, raw HTML and unknown or malformed directives as their source', () => {
    expect(fromMarkdown('![alt](x.png) <b>h</b>')).toEqual([['![alt](x.png) <b>h</b>']])
    expect(fromMarkdown('see :foo[bar]{x=1} and :user[Ada]')).toEqual([['see :foo[bar]{x=1} and :user[Ada]']])
    expect(fromMarkdown(":date{type='date'}")).toEqual([[":date{type='date'}"]])
    expect(fromMarkdown(":decoration[x]{json='not json'}")).toEqual([[":decoration[x]{json='not json'}"]])
  })

  it('does not throw on markdown nested too deeply for the parser', () => {
    // 4,000 levels overflow the stack of GFM's tree walk with Node's default stack size.
    const markdown = `${'*'.repeat(4000)}a${'*'.repeat(4000)}`
    const richText = fromMarkdown(markdown)
    expect(richText.map(([text]) => text).join('')).toMatch(/a/)
  })

  it('keeps bare URLs as text and reads <…> autolinks', () => {
    expect(fromMarkdown('www.x.com https://y.org a@b.co')).toEqual([['www.x.com https://y.org a@b.co']])
    expect(fromMarkdown('<https://y.org>')).toEqual([['https://y.org', [['a', 'https://y.org']]]])
  })
})

/** Markdown in (and around) the supported subset, from pieces that interact. */
const markdownArbitrary = fc
  .array(
    fc.constantFrom(
      '**', '*', '_', '__', '~~', '~', '`', '$', '$$', '\\', '[', ']', '(', ')', '<', '>', '{', '}', '#', '- ', '1. ',
      '> ', '\n', '\n\n', '  \n', ' ', 'a', 'word', 'www.x.com', 'https://x.org', '[t](https://x.org)', '[t]()',
      '<https://x.org>', ':user{#u1}', ':page[P]{#p1}', ":date{type='date' start_date='2020-01-01'}", ':u[', ':comment[',
      '{#d1}', ":color[", "{value='red'}", ':decoration[', `{json='["zz",1]'}`, '$E=mc^2$', '`code`', '&amp;', '&#xA;',
      '<u>', '</u>', '![i](x)', '‣', '⁍', '中', '😀', '|', '---', '```', ':::', '::',
    ),
    { maxLength: 16 },
  )
  .map((pieces) => pieces.join(''))

describe('markdown -> rich text -> markdown', () => {
  it('is stable: the second pass equals the first', () => {
    fc.assert(
      fc.property(markdownArbitrary, (markdown) => {
        const first = toMarkdown(fromMarkdown(markdown))
        expect(toMarkdown(fromMarkdown(first))).toBe(first)
      }),
      { numRuns: Number(process.env['FC_RUNS'] ?? 1000) },
    )
  })

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(markdownArbitrary, fc.string({ unit: 'binary', maxLength: 60 })), (markdown) => {
        expect(Array.isArray(fromMarkdown(markdown))).toBe(true)
      }),
      { numRuns: Number(process.env['FC_RUNS'] ?? 1000) },
    )
  })
})
