import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { blocksToRecordMap, markdownToBlocks, markdownToPage, pageToMarkdown, recordMapSource, type ExportIssue } from '../src/index.js'

const exportOf = (markdown: string) => {
  const page = markdownToPage(markdown)
  return pageToMarkdown(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page')
}

function source(blocks: Record<string, Record<string, unknown>>) {
  return recordMapSource({ block: Object.fromEntries(Object.entries(blocks).map(([id, value]) => [id, { value: { id, ...value } }])) })
}

describe('malformed data from the wire', () => {
  it('malformed rich text is reported and its text kept, never thrown', () => {
    const issues: ExportIssue[] = []
    const markdown = pageToMarkdown(
      source({
        p: { type: 'page', properties: { title: [['Page']] }, content: ['a', 'b', 'c', 'd'] },
        a: { type: 'text', properties: { title: [['kept ', [['h', 5]]], [42], 'junk', ['also kept']] } },
        b: { type: 'to_do', properties: { title: 'not an array', checked: [['Yes']] } },
        c: { type: 'header', properties: { title: [['ok', [['b']]]] }, format: 'nonsense' },
        d: { type: 'code', properties: { title: { x: 1 }, language: [[7]] } },
      }),
      'p',
      { onIssue: (issue) => issues.push(issue) },
    )
    // An empty task item keeps its checkbox with an escaped space (`- [x]` alone would be text).
    expect(markdown).toBe('# Page\n\nkept also kept\n\n- [x] &#x20;\n\n# **ok**\n\n```\n```\n')
    expect(issues.map((issue) => [issue.blockId, issue.code])).toEqual([
      ['a', 'malformed_rich_text'],
      ['b', 'malformed_rich_text'],
      ['d', 'malformed_rich_text'],
      ['d', 'malformed_rich_text'],
    ])
    expect(issues[0]!.error?.issues.length).toBeGreaterThan(0)
  })

  it('missing blocks, unknown types, cycles through synced blocks and aliases are handled', () => {
    const issues: ExportIssue[] = []
    const markdown = pageToMarkdown(
      source({
        p: { type: 'page', properties: { title: [['P']] }, content: ['gone', 'x', 's', 'l'] },
        x: { type: 'future_block', content: ['t'] },
        t: { type: 'text', properties: { title: [['under unknown']] } },
        s: { type: 'transclusion_reference', format: { transclusion_reference_pointer: { id: 'p' } } },
        l: { type: 'alias', format: { alias_pointer: { id: 'p' } } },
      }),
      'p',
      { onIssue: (issue) => issues.push(issue) },
    )
    expect(markdown).toBe(
      '# P\n\n<!-- block gone not loaded -->\n\n::block{#x type="future_block"}\n\nunder unknown\n\n[P](https://www.notion.so/p)\n',
    )
    expect(issues.map((issue) => issue.code).sort()).toEqual(['cycle', 'missing_block'])
  })

  it('fields holding objects that cannot become strings (toString is not a function) do not throw', () => {
    const hostile = { toString: '' }
    const markdown = pageToMarkdown(
      source({
        p: { type: 'page', properties: { title: [['P']] }, content: ['x', 'd'] },
        x: { type: hostile, id: hostile },
        d: { type: 'collection_view', view_ids: [hostile], format: { collection_pointer: { id: hostile } } },
      }),
      'p',
    )
    expect(markdown.startsWith('# P\n')).toBe(true)
  })

  it('random block records (any JSON in any field) export without throwing', () => {
    const json = fc.jsonValue({ maxDepth: 3 })
    const block = fc.record(
      {
        type: fc.oneof(fc.constantFrom('text', 'page', 'to_do', 'table', 'table_row', 'collection_view', 'code', 'image', 'callout', 'alias', 'transclusion_reference', 'numbered_list'), json),
        properties: fc.oneof(json, fc.dictionary(fc.constantFrom('title', 'checked', 'source', 'caption', 'language', 'a'), json)),
        format: fc.oneof(json, fc.dictionary(fc.constantFrom('block_color', 'page_icon', 'alias_pointer', 'table_block_column_order', 'list_start_index', 'display_source'), json)),
        content: fc.oneof(json, fc.array(fc.constantFrom('p', 'a', 'b', 'c', 'missing'), { maxLength: 4 })),
        alive: fc.oneof(fc.boolean(), json),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.record({ p: block, a: block, b: block, c: block }), (blocks) => {
        const markdown = pageToMarkdown(source(blocks as Record<string, Record<string, unknown>>), 'p')
        expect(typeof markdown).toBe('string')
      }),
      { numRuns: 300 },
    )
  })
})

describe('markdown of any content (fuzzed)', () => {
  const pieces = fc.constantFrom(
    '# ', '## ', '- ', '1. ', '- [ ] ', '> ', '```', '$$', '---', ':::callout', ':::toggle', ':::', '::block{type=x}', '|', '| - |',
    '**', '*', '`', '[', '](', ')', '![', ':user{#a}', ':color[', ']{value=red}', '<!--', '-->', '<b>', '\\', '  ', '\n', '\n\n', 'text', 'é', '😀',
  )
  const markdown = fc.oneof(fc.string({ maxLength: 200 }), fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')))

  it('never crashes markdownToBlocks or the export', () => {
    fc.assert(
      fc.property(markdown, (md) => {
        expect(Array.isArray(markdownToBlocks(md))).toBe(true)
        expect(typeof exportOf(md)).toBe('string')
      }),
      { numRuns: 500 },
    )
  })

  it('export after import is a fixed point: a second pass gives the same markdown', () => {
    fc.assert(
      fc.property(markdown, (md) => {
        const once = exportOf(md)
        expect(exportOf(once)).toBe(once)
      }),
      { numRuns: 500 },
    )
  })

  it('deeply nested markdown does not crash', () => {
    expect(() => exportOf('> '.repeat(5000) + 'x')).not.toThrow()
    expect(() => exportOf('- '.repeat(3000) + 'x')).not.toThrow()
    expect(() => exportOf('*'.repeat(20000) + 'x')).not.toThrow()
    // Thousands of nested quotes are slow to parse (micromark is quadratic there): seconds alone,
    // tens of seconds on a busy machine.
  }, 120_000)
})
