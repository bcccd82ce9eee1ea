import type { RichText } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, toMarkdown } from '../src/index.js'

const user = 'bb760e2d-d679-4b64-b2a9-03005b21870a'
const page = '841918aa-f2a3-4d4c-b5ad-64b0f57c47b8'

/** [what, rich text, its exact markdown]: each must convert both ways. */
const forms: [string, RichText, string][] = [
  ['bold', [['x', [['b']]]], '**x**'],
  ['italic', [['x', [['i']]]], '*x*'],
  ['strikethrough', [['x', [['s']]]], '~~x~~'],
  ['inline code', [['x', [['c']]]], '`x`'],
  ['inline code holding a backtick', [['a`b', [['c']]]], '``a`b``'],
  ['underline', [['x', [['_']]]], ':u[x]'],
  ['link', [['x', [['a', 'https://example.com/a?b=1']]]], '[x](https://example.com/a?b=1)'],
  ['link whose text is its URL', [['https://example.com', [['a', 'https://example.com']]]], '<https://example.com>'],
  ['link without URL', [['x', [['a']]]], '[x]()'],
  ['relative link', [['x', [['a', `/${page.replaceAll('-', '')}#${user}`]]]], `[x](/${page.replaceAll('-', '')}#${user})`],
  ['link with an empty URL', [['x', [['a', '']]]], `:decoration[x]{json='["a",""]'}`],
  ['text colour', [['x', [['h', 'red']]]], ":color[x]{value='red'}"],
  ['background colour', [['x', [['h', 'yellow_background']]]], ":color[x]{value='yellow_background'}"],
  ['inline equation', [['⁍', [['e', 'E=mc^2']]]], '$E=mc^2$'],
  ['inline equation holding a dollar', [['⁍', [['e', '\\$5']]]], '$$\\$5$$'],
  ['equation on other text', [['x', [['e', 'a']]]], `:decoration[x]{json='["e","a"]'}`],
  ['user mention', [['‣', [['u', user]]]], `:user{#${user}}`],
  ['user mention with its own text', [['Ada', [['u', user]]]], `:user[Ada]{#${user}}`],
  ['page mention', [['‣', [['p', page]]]], `:page{#${page}}`],
  ['date mention', [['‣', [['d', { type: 'date', start_date: '2020-07-23' }]]]], ":date{type='date' start_date='2020-07-23'}"],
  [
    'date mention with time, zone, format and reminder',
    [
      [
        '‣',
        [
          [
            'd',
            {
              type: 'datetimerange',
              start_date: '2020-07-23',
              start_time: '09:00',
              end_date: '2020-07-24',
              end_time: '17:30',
              time_zone: 'Europe/Paris',
              date_format: 'MMM DD, YYYY',
              time_format: 'H:mm',
              reminder: { value: 30, unit: 'minute' },
            },
          ],
        ],
      ],
    ],
    ":date{type='datetimerange' start_date='2020-07-23' start_time='09:00' end_date='2020-07-24' end_time='17:30' time_zone='Europe/Paris' date_format='MMM DD, YYYY' time_format='H:mm' reminder.json='{\"value\":30,\"unit\":\"minute\"}'}",
  ],
  ['comment anchor', [['x', [['m', 'd1']]]], ':comment[x]{#d1}'],
  ['two overlapping comments', [['x', [['m', 'd1'], ['m', 'd2']]]], ':comment[:comment[x]{#d2}]{#d1}'],
  ['suggestion', [['x', [['si', 's1']]]], ':suggestion[x]{#s1}'],
  ['custom emoji', [['‣', [['ce', 'e1']]]], ':emoji{#e1}'],
  ['external object', [['‣', [['eoi', 'b1']]]], ':external-object{#b1}'],
  ['external mention', [['‣', [['‣', ['u', user]]]]], `:external-mention{#${user} kind='u'}`],
  ['external mention with more fields', [['‣', [['‣', ['u', user, 1]]]]], `:external-mention{json='["u","${user}",1]'}`],
  [
    'link mention',
    [['‣', [['lm', { href: 'https://github.com/x', title: 'x [PDF]', link_provider: 'GitHub' }]]]],
    ":link-mention{href='https://github.com/x' title='x [PDF]' link_provider='GitHub'}",
  ],
  [
    'link mention with an unbalanced bracket',
    [['‣', [['lm', { href: 'https://x.org/?a=1&b=2', title: "Ada's ]" }]]]],
    ":link-mention{href='https://x.org/?a=1&#x26;b=2' title='Ada&#x27;s &#x5D;'}",
  ],
  ['link mention as a string', [['‣', [['lm', 'https://x.org']]]], `:link-mention{json='"https://x.org"'}`],
  ['unknown code', [['x', [['zz', 1, { a: [2] }]]]], `:decoration[x]{json='["zz",1,{"a":[2]}]'}`],
  ['bold and italic nested', [['a ', [['b']]], ['b', [['b'], ['i']]]], '**a _b_**'],
  ['bold link', [['x', [['b'], ['a', 'https://x.org']]]], '[**x**](https://x.org)'],
  ['mention inside bold', [['‣', [['b'], ['u', user]]]], `**:user{#${user}}**`],
  ['hard breaks', [['a\nb\n']], 'a\\\nb&#xA;'],
  ['special characters', [['*_[x]($) \\ <b> `~`']], '\\*\\_\\[x]\\(\\$) \\ \\<b> \\`\\~\\`'],
  ['an email autolink look-alike inside a label', [['<-@0>', [['_']]]], ':u[\\<-@0>]'],
  ['a colon before a name', [['$:user{#x} 10:30 :😀[x]']], '\\$\\:user{#x} 10\\:30 \\:😀\\[x]'],
  ['block syntax at the start', [['# 1. - > x']], '\\# 1. - > x'],
  ['edge spaces', [[' a '], ['b', [['b']]], [' ']], '&#x20;a **b**&#x20;'],
]

describe('the markdown form of each decoration', () => {
  it.each(forms)('%s', (_name, richText, markdown) => {
    expect(toMarkdown(richText)).toBe(markdown)
    expect(fromMarkdown(markdown)).toEqual(richText)
  })

  it('reads the other spellings of bold, italic, underline-free HTML and autolinks', () => {
    expect(fromMarkdown('__a__ _b_ <https://x.org>')).toEqual([
      ['a', [['b']]],
      [' '],
      ['b', [['i']]],
      [' '],
      ['https://x.org', [['a', 'https://x.org']]],
    ])
    expect(fromMarkdown(':user[‣]{id="x"}')).toEqual([['‣', [['u', 'x']]]])
  })
})
