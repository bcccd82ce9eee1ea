import type { RichText } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { InvalidRichTextError, normalizeRichText, parseRichText, toMarkdown } from '../src/index.js'

describe('parseRichText', () => {
  it('accepts rich text, unknown codes included, and returns it as it came', () => {
    const value = [['a', [['zz', { x: 1 }]]], ['b']]
    const parsed = parseRichText(value)
    expect(parsed).toEqual({ success: true, data: value })
    if (parsed.success) expect(toMarkdown(parsed.data)).toBe(`:decoration[a]{json='["zz",{"x":1}]'}b`)
  })

  it.each([
    ['a non-array', 'text'],
    ['a non-string text', [[42]]],
    ['decorations not in an array', [['a', ['b']]]],
    ['a known code with a wrong argument', [['a', [['h', 5]]]]],
    ['a date without start_date', [['‣', [['d', { type: 'date' }]]]]],
    ['a bold with an argument', [['a', [['b', 'x']]]]],
    ['a segment too long', [['a', [], 'x']]],
  ])('reports %s as a typed error with a path', (_name, value) => {
    const parsed = parseRichText(value)
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    expect(parsed.error).toBeInstanceOf(InvalidRichTextError)
    expect(InvalidRichTextError.is(parsed.error)).toBe(true)
    expect(parsed.error.name).toBe('InvalidRichTextError')
    expect(parsed.error.issues.length).toBeGreaterThan(0)
    expect(parsed.error.value).toBe(value)
  })

  it('recognizes an error from another copy of the package by name', () => {
    const foreign = Object.assign(new Error('x'), { name: 'InvalidRichTextError' })
    expect(InvalidRichTextError.is(foreign)).toBe(true)
    expect(InvalidRichTextError.is(new Error('x'))).toBe(false)
  })
})

describe('normalizeRichText', () => {
  it('merges adjacent segments with equal decoration sets, in any order', () => {
    const richText: RichText = [['a', [['i'], ['b']]], ['b', [['b'], ['i'], ['b']]], ['c']]
    expect(normalizeRichText(richText)).toEqual([['ab', [['b'], ['i']]], ['c']])
  })

  it('drops empty segments and empty decoration lists, and does not touch its input', () => {
    const richText: RichText = [['a', []], [''], ['', [['b']]], ['b']]
    expect(normalizeRichText(richText)).toEqual([['ab']])
    expect(richText).toEqual([['a', []], [''], ['', [['b']]], ['b']])
  })

  it('compares arguments deeply, object key order aside', () => {
    const date = { type: 'date', start_date: '2020-01-01' }
    const same = { start_date: '2020-01-01', type: 'date' }
    expect(normalizeRichText([['‣', [['d', date]]], ['‣', [['d', same]]]])).toEqual([['‣‣', [['d', date]]]])
    expect(normalizeRichText([['a', [['a', 'x']]], ['b', [['a', 'y']]]])).toHaveLength(2)
  })

  it('orders known codes as DECORATION_CODES does, unknown codes last', () => {
    expect(normalizeRichText([['a', [['zz'], ['m', 'd'], ['a', 'u'], ['b']]]])).toEqual([
      ['a', [['b'], ['a', 'u'], ['m', 'd'], ['zz']]],
    ])
  })
})
