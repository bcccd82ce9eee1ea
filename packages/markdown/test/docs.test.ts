import { describe, expect, it } from 'vitest'
import { fromMarkdown, toMarkdown } from '../src/index.js'

// The examples of docs/markdown.md, kept true.
describe('docs/markdown.md examples', () => {
  it('introduction', () => {
    expect(toMarkdown([['Ship '], ['it', [['b']]], ['‣', [['u', 'bb760e2d-d679-4b64-b2a9-03005b21870a']]]])).toBe(
      'Ship **it**:user{#bb760e2d-d679-4b64-b2a9-03005b21870a}',
    )
    expect(fromMarkdown("Ship **it** by :date{type='date' start_date='2024-05-01'}")).toEqual([
      ['Ship '],
      ['it', [['b']]],
      [' by '],
      ['‣', [['d', { type: 'date', start_date: '2024-05-01' }]]],
    ])
  })

  it('nesting', () => {
    expect(toMarkdown([['a ', [['b']]], ['b', [['b'], ['i']]]])).toBe('**a _b_**')
    expect(toMarkdown([['x', [['b'], ['a', 'https://x.org']]]])).toBe('[**x**](https://x.org)')
    expect(toMarkdown([['‣', [['b'], ['u', 'u1']]]])).toBe('**:user{#u1}**')
    expect(toMarkdown([['t', [['h', 'red'], ['_'], ['m', 'd1']]]])).toBe(":comment[:color[:u[t]]{value='red'}]{#d1}")
  })

  it('escaping', () => {
    expect(toMarkdown([['Note:important']])).toBe('Note\\:important')
    expect(toMarkdown([['www.x.com']])).toBe('www\\.x.com')
  })
})
