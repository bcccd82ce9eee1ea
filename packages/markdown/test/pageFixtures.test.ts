import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { blocksToRecordMap, markdownToPage, pageToMarkdown, recordMapSource, type ExportIssue } from '../src/index.js'
import { nbaPages, reactNotionXPages } from './support/recordedPages.js'

// Regenerate with UPDATE=1; read the output once by eye before keeping it.
const folder = new URL('./fixtures/pages/', import.meta.url)

function matchesFile(name: string, markdown: string) {
  const file = fileURLToPath(new URL(name, folder))
  if (process.env['UPDATE'] || !existsSync(file)) writeFileSync(file, markdown)
  expect(markdown).toBe(readFileSync(file, 'utf8'))
}

const pages = [
  { name: 'react-notion-x-page.md', id: '067dd719-a912-471e-a9a3-ac10710e7fdf', ...reactNotionXPages() },
  { name: 'react-notion-x-collection-tests.md', id: '2fea615a-97a7-401c-81be-486e4eec2e94', ...reactNotionXPages() },
  { name: 'nba-in-notion.md', id: '3f92ae50-5636-427c-8976-34a15b9f2892', ...nbaPages() },
  { name: 'nba-player-row.md', id: '139ac7d7-30d5-4b5e-9393-7a282d8ff635', ...nbaPages() },
]

describe.each(pages)('recorded page $name', ({ name, id, recordMap, rows }) => {
  const issues: ExportIssue[] = []
  const markdown = pageToMarkdown(recordMapSource(recordMap, { rows }), id, { onIssue: (issue) => issues.push(issue) })

  it('exports to the markdown a reader accepts (snapshot)', () => {
    matchesFile(name, markdown)
  })

  it('reports only blocks the recording does not hold', () => {
    expect(issues.every((issue) => issue.code === 'missing_block')).toBe(true)
  })

  it('imports and exports again to the same markdown', () => {
    const page = markdownToPage(markdown)
    const again = pageToMarkdown(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page')
    // "not loaded" comments are notes, not blocks: they do not come back.
    expect(again).toBe(`${markdown.replace(/<!--[^]*?-->/g, '').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`)
  })
})
