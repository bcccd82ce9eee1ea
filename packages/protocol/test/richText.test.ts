import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  DECORATION_CODES,
  decorationSchema,
  formatIssues,
  isDecorationCode,
  isKnownDecoration,
  notionDateSchema,
  plainTextToRichText,
  richTextSchema,
  richTextToPlainText,
} from '../src/index.js'
import type { Decoration, KnownDecoration, LinkDecoration, RichText, RichTextSegment } from '../src/index.js'

const userId = 'bb760e2d-d679-4b64-b2a9-03005b21870a'
const pageId = '841918aa-f2a3-4d4c-b5ad-64b0f57c47b8'

/** One sample decoration per known code, in DECORATION_CODES order. */
const everyCode: Decoration[] = [
  ['b'],
  ['i'],
  ['s'],
  ['c'],
  ['_'],
  ['a', 'https://blog.kowalczyk.info'],
  ['h', 'teal_background'],
  ['e', 'E=mc^2'],
  ['p', pageId],
  ['u', userId],
  [
    'd',
    {
      type: 'datetimerange',
      start_date: '2018-07-17',
      start_time: '15:00',
      end_date: '2018-07-18',
      end_time: '16:30',
      time_zone: 'America/Los_Angeles',
      date_format: 'relative',
      time_format: 'H:mm',
      reminder: { value: 30, unit: 'minute', time: '09:00' },
    },
  ],
  ['‣', ['u', userId]],
  ['m', '4a1cc3be-5a9f-4b8e-9a41-2a4f8c2d8c11'],
  [
    'lm',
    {
      href: 'https://github.com/NotionX/react-notion-x',
      title: 'react-notion-x',
      icon_url: 'https://github.com/favicon.ico',
      description: 'Fast and accurate React renderer for Notion.',
      link_provider: 'GitHub',
      thumbnail_url: 'https://opengraph.githubassets.com/x',
    },
  ],
  ['eoi', '0f4b7e0e-ac5d-4ef6-ae23-b324459f0bc3'],
  ['si', 'suggestion-1'],
  ['ce', 'custom-emoji-1'],
]

function parse(value: unknown) {
  const result = richTextSchema.safeParse(value)
  return result.success ? { ok: true as const, value: result.data } : { ok: false as const, issues: formatIssues(result.error.issues) }
}

describe('rich text schema', () => {
  it('lists every code of docs/protocol.md#rich-text-format', () => {
    expect([...DECORATION_CODES].sort()).toEqual(
      ['b', 'i', 's', 'c', '_', 'a', 'h', 'e', 'p', 'u', 'd', '‣', 'm', 'lm', 'eoi', 'si', 'ce'].sort(),
    )
    expect(everyCode.map((d) => d[0])).toEqual([...DECORATION_CODES])
  })

  it.each(everyCode.map((d) => [d[0], d] as const))('parses the %s decoration', (_code, decoration) => {
    const richText = [['x', [decoration]]]
    const result = parse(richText)
    expect(result).toEqual({ ok: true, value: richText })
    expect(isKnownDecoration(decoration)).toBe(true)
  })

  it('parses every code together, and plain segments', () => {
    const richText = [['plain'], ['all', everyCode], ['']]
    expect(parse(richText)).toEqual({ ok: true, value: richText })
  })

  it('parses the KJK header sample (docs/protocol.md#rich-text-format)', () => {
    const sample = [
      ['This '],
      ['is', [['s']]],
      [' a '],
      ['header with a ', [['b']]],
      ['link', [['b'], ['a', 'https://blog.kowalczyk.info']]],
      [' and ', [['b']]],
      ['‣', [['u', userId]]],
    ]
    expect(parse(sample)).toEqual({ ok: true, value: sample })
  })

  it('accepts the looser forms seen in real data', () => {
    const samples = [
      [['link without url', [['a']]]],
      [['relative', [['a', `/${pageId.replace(/-/g, '')}#abc`]]]],
      [['‣', [['lm', 'https://example.com']]]],
      [['‣', [['‣', ['space', 'abc', 'extra']]]]],
      [['‣', [['d', { type: 'date', start_date: '2020-07-23', extra_key: true }]]]],
      [],
    ]
    for (const sample of samples) expect(parse(sample)).toEqual({ ok: true, value: sample })
  })

  it('preserves unknown decoration codes and their arguments', () => {
    const richText = [
      ['x', [['zz']]],
      ['y', [['b'], ['future', { nested: [1, 2] }, 'third']]],
    ]
    expect(parse(richText)).toEqual({ ok: true, value: richText })
    const unknown = decorationSchema.parse(['future', { nested: [1, 2] }])
    expect(unknown).toEqual(['future', { nested: [1, 2] }])
    expect(isKnownDecoration(unknown)).toBe(false)
    expect(isDecorationCode('future')).toBe(false)
    expect(isDecorationCode('lm')).toBe(true)
  })

  it('reports malformed known decorations with the path to the bad part', () => {
    expect(parse([['x', [['a', 5]]]])).toEqual({
      ok: false,
      issues: ['[0][1][0][1]: Invalid input: expected string, received number'],
    })
    const badDate = parse([['‣'], ['‣', [['b'], ['d', { type: 'date' }]]]])
    expect(badDate.ok).toBe(false)
    expect(badDate.ok ? [] : badDate.issues).toEqual([
      '[1][1][1][1].start_date: Invalid input: expected string, received undefined',
    ])
  })

  it('rejects what is not rich text', () => {
    for (const bad of ['text', [['x', 'b']], [[1]], [['x', [['b']], 'extra']], [['x', ['b']]]]) {
      expect(parse(bad).ok).toBe(false)
    }
  })

  it('validates dates alone', () => {
    expect(notionDateSchema.safeParse({ type: 'date', start_date: '2020-07-23' }).success).toBe(true)
    expect(notionDateSchema.safeParse({ start_date: '2020-07-23' }).success).toBe(false)
  })
})

describe('richTextToPlainText', () => {
  it('joins segment texts and drops formatting', () => {
    expect(richTextToPlainText([['Hello '], ['world', [['b'], ['a', 'https://x']]], ['!']])).toBe('Hello world!')
  })

  it('gives inline equations as LaTeX and mentions as nothing by default', () => {
    const richText: RichText = [['E: '], ['⁍', [['e', 'E=mc^2']]], [' by '], ['‣', [['u', userId]]]]
    expect(richTextToPlainText(richText)).toBe('E: E=mc^2 by ')
  })

  it('resolves mentions through the option', () => {
    const richText: RichText = [['‣', [['u', userId]]], [' on '], ['‣', [['d', { type: 'date', start_date: '2020-07-23' }]]]]
    const mention = (segment: RichTextSegment): string => {
      const decoration = segment[1]?.[0]
      if (!decoration || !isKnownDecoration(decoration)) return ''
      if (decoration[0] === 'u') return '@Krzysztof'
      if (decoration[0] === 'd') return decoration[1].start_date
      return ''
    }
    expect(richTextToPlainText(richText, { mention })).toBe('@Krzysztof on 2020-07-23')
  })

  it('keeps a lone placeholder that carries no decoration', () => {
    expect(richTextToPlainText([['‣'], ['⁍']])).toBe('‣⁍')
    expect(richTextToPlainText([])).toBe('')
  })
})

describe('plainTextToRichText', () => {
  it('wraps text in one undecorated segment', () => {
    expect(plainTextToRichText('Ship it')).toEqual([['Ship it']])
    expect(plainTextToRichText('')).toEqual([])
  })

  it('round-trips through richTextToPlainText', () => {
    for (const text of ['a', 'multi\nline', '‣ in text', ' spaced ']) {
      expect(richTextToPlainText(plainTextToRichText(text))).toBe(text)
    }
  })
})

describe('rich text types', () => {
  it('narrows known decorations by code', () => {
    const decoration = everyCode[5] as Decoration
    if (isKnownDecoration(decoration) && decoration[0] === 'a') {
      expectTypeOf(decoration).toEqualTypeOf<LinkDecoration>()
      expectTypeOf(decoration[1]).toEqualTypeOf<string | undefined>()
    }
    expectTypeOf<RichTextSegment>().toEqualTypeOf<[string] | [string, Decoration[]]>()
    expectTypeOf<KnownDecoration>().toMatchTypeOf<Decoration>()
    // @ts-expect-error a decoration's code comes first
    const wrong: Decoration = [5]
    expect(wrong).toBeDefined()
  })
})
