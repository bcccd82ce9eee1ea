import { describe, expect, it } from 'vitest'
import { blocksToRecordMap, markdownToPage, pageToHtml, recordMapSource } from '../src/index.js'

function htmlOf(markdown: string, options?: Parameters<typeof pageToHtml>[2]): string {
  const page = markdownToPage(markdown)
  return pageToHtml(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page', options)
}

describe('pageToHtml', () => {
  it('renders a standalone document with the title, headings, lists, to-dos, code and decorations', () => {
    const html = htmlOf('# Plan <Q2>\n\n## Goals\n\n- **bold** and *italic* and ~~gone~~\n- [x] shipped\n- [ ] next\n\n```ts\nconst a = 1 < 2\n```\n\n> quoted\n')
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<title>Plan &#60;Q2&#62;</title>')
    expect(html).toContain('<h2>Goals</h2>')
    expect(html).toContain('<strong>bold</strong>')
    expect(html).toContain('<em>italic</em>')
    expect(html).toContain('<del>gone</del>')
    expect(html).toMatch(/<input type="checkbox" checked disabled>\s*shipped/)
    expect(html).toContain('const a = 1 &#x3C; 2')
    expect(html).toContain('<blockquote>')
  })

  it('never lets raw HTML or script from a page through', () => {
    const html = htmlOf('# Page\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\ntext <b onclick="x()">b</b>\n', { document: false })
    // The page's text shows as text (escaped); no element of it reaches the document.
    expect(html).not.toMatch(/<script|<img|<b[\s>]/i)
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>')
  })

  it('can give the body only', () => {
    const html = htmlOf('# T\n\nhello\n', { document: false })
    expect(html).not.toContain('<html')
    expect(html).toContain('<p>hello</p>')
  })
})
