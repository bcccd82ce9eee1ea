import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { blocksToRecordMap, htmlToBlocks, htmlToPage, markdownToPage, pageToHtml, recordMapSource, type BlockNode } from '../src/index.js'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/html/${name}.html`, import.meta.url), 'utf8')

/** `type: text` pairs, children flattened after their parent: what a reader of the page sees in order. */
function outline(blocks: readonly BlockNode[]): string[] {
  const text = (title: unknown) => (Array.isArray(title) ? title.map((segment: unknown[]) => segment[0]).join('') : '')
  return blocks.flatMap((block) => [`${block.type}: ${text(block.properties?.['title'])}`, ...outline(block.children ?? [])])
}

describe('htmlToPage on real-world HTML (fixtures written for these tests)', () => {
  it("a Notion HTML export: title, to-dos from Notion's checkbox divs, numbered lists, code language, figure with caption", () => {
    const page = htmlToPage(fixture('notion-export'))
    expect(page.title).toEqual([['Launch plan']])
    expect(outline(page.blocks)).toEqual([
      'text: The launch is on Friday; see the brief.',
      'sub_header: Checklist',
      'to_do: Write the announcement',
      'to_do: Record the demo',
      'bulleted_list: Press: two outlets',
      'numbered_list: Freeze the branch',
      'numbered_list: Tag the release',
      'quote: Ship small, ship often.',
      'code: const ready = true',
      'image: ',
      'text: Colours: red text and cut and code.',
    ])
    const [, , done, open] = page.blocks
    expect(done!.properties?.['checked']).toEqual([['Yes']])
    expect(open!.properties?.['checked']).toEqual([['No']])
    expect(page.blocks[0]!.properties?.['title']).toContainEqual(['the brief', [['a', 'https://example.com/brief']]])
    expect(page.blocks.find((block) => block.type === 'code')!.properties?.['language']).toEqual([['JavaScript']])
    expect(page.blocks.find((block) => block.type === 'image')!.properties).toEqual({ source: [['https://example.com/banner.png']], caption: [['The banner']] })
  })

  it('a GitHub README rendered to HTML: badge image, code with language, task list, table; scripts and javascript: links gone', () => {
    const page = htmlToPage(fixture('github-readme'))
    expect(page.title).toEqual([['widget']])
    expect(outline(page.blocks)).toEqual([
      'image: ',
      'text: A small library for widgets and gadgets.',
      'sub_header: Install',
      'code: npm install widget',
      'sub_header: Usage',
      "code: import { widget } from 'widget'\nwidget({ size: 3 })",
      'sub_header: Roadmap',
      'to_do: Sizes',
      'to_do: Colours',
      'table: ',
      'table_row: ',
      'table_row: ',
      'table_row: ',
      'text: Licensed MIT. Click ![](x)',
    ])
    expect(page.blocks.find((block) => block.type === 'code' && block.properties?.['language']?.[0]?.[0] === 'ts')).toBeDefined()
    const table = page.blocks.find((block) => block.type === 'table')!
    expect(table.children!.map((row) => row.properties)).toEqual([
      { col0: [['Option']], col1: [['Default']] },
      { col0: [['size', [['c']]]], col1: [['1']] },
      { col0: [['color', [['c']]]], col1: [['none']] },
    ])
    const text = JSON.stringify(page)
    expect(text).not.toMatch(/javascript:|onclick|onerror|steal|analytics/)
  })

  it('a Wikipedia-like article: the h1 as title, nested lists, quotes, references; no scripts or stylesheet text', () => {
    const page = htmlToPage(fixture('wiki-article'))
    expect(page.title).toEqual([['Emperor penguin']])
    const lines = outline(page.blocks)
    expect(lines).toContain('text: The emperor penguin (Aptenodytes forsteri) is the tallest and heaviest of all living penguin species[1].')
    expect(lines).toContain('sub_sub_header: Diet')
    expect(page.blocks.find((block) => block.type === 'bulleted_list' && block.children)?.children?.[0]?.properties?.['title']).toEqual([['Antarctic krill']])
    expect(lines).toContain('quote: The worst journey in the world.')
    expect(JSON.stringify(page)).not.toMatch(/mw\.loader|client-js|load\.css/)
  })
})

describe('htmlToPage and htmlToBlocks', () => {
  it('use the <title> when no <h1> leads, and htmlToBlocks keeps a leading h1 as a heading', () => {
    expect(htmlToPage('<html><head><title>Notes</title></head><body><p>hi</p></body></html>')).toEqual({ title: [['Notes']], blocks: [{ type: 'text', properties: { title: [['hi']] } }] })
    expect(htmlToBlocks('<h1>Top</h1><p>hi</p>').map((block) => block.type)).toEqual(['header', 'text'])
  })

  it("read back what pageToHtml writes: the same blocks as the markdown they came from", () => {
    const markdown = '# Plan\n\n## Goals\n\n- **bold** and *italic* and ~~gone~~ and `code`\n- [x] shipped\n- [ ] next\n\n1. one\n2. two\n\n```ts\nconst a = 1 < 2\n```\n\n> quoted\n'
    const page = markdownToPage(markdown)
    const html = pageToHtml(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page')
    expect(htmlToPage(html)).toEqual(page)
  })

  it('never throws on hostile nesting: 20,000 nested divs become text', () => {
    const html = `${'<div>'.repeat(20_000)}deep <script>evil()</script>${'</div>'.repeat(20_000)}`
    for (const blocks of [htmlToPage(html).blocks, htmlToBlocks(html)]) {
      expect(blocks).toEqual([{ type: 'text', properties: { title: [['deep']] } }])
    }
  })
})
