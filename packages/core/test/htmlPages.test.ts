import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { blocksToRecordMap, htmlToPage, pageToMarkdown, recordMapSource } from '@notion-rx/markdown'
import { testEmulator } from '@notion-rx/emulator/testing'
import { exportHtml } from '../src/model/exportHtml.js'
import { exportMarkdown } from '../src/model/exportMarkdown.js'
import { importHtml } from '../src/records/importHtml.js'
import type { ImportProgress } from '../src/records/importMarkdownInParts.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import { recordFor, testClient } from './support/testClient.js'

const FIXTURES = new URL('../../markdown/test/fixtures/html/', import.meta.url)
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8')

async function demo() {
  const emu = await testEmulator({ seed: 'demo' })
  const token = { tokenV2: emu.demo!.ownerToken }
  const { client, log } = testClient(emu, token)
  await client.loadPage(emu.demo!.homePageId)
  const home = recordFor(client, 'block', emu.demo!.homePageId) as PageBlock
  /** The page as the server holds it, read by a fresh client (nothing optimistic). */
  const serverMarkdown = async (pageId: string) => exportMarkdown(await testClient(emu, token).client.getPage(pageId))
  return { emu, client, log, home, serverMarkdown }
}

/** What htmlToPage reads from a document, as markdown: what the imported page must read back as. */
function expectedMarkdown(html: string): string {
  const page = htmlToPage(html)
  return pageToMarkdown(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page')
}

describe('importHtml', () => {
  it.each(['notion-export.html', 'github-readme.html', 'wiki-article.html'])('imports %s as a page that reads back as what htmlToPage read', async (name) => {
    const { home, serverMarkdown } = await demo()
    const html = fixture(name)
    const page = await importHtml(home, html)
    expect(home.children.ids).toContain(page.id)
    const markdown = await serverMarkdown(page.id)
    expect(markdown).toBe(expectedMarkdown(html))
    expect(markdown).not.toMatch(/<script|onerror|javascript:/i)
  })

  it('keeps what a Notion export carries: title, checked to-dos, code language, image', async () => {
    const { client, home } = await demo()
    const page = await importHtml(home, fixture('notion-export.html'))
    expect(page.title).toBe('Launch plan')
    await client.loadPage(page.id)
    const blocks = [...page.children]
    const types = blocks.map((block) => block.type)
    expect(types).toEqual(expect.arrayContaining(['text', 'sub_header', 'to_do', 'bulleted_list', 'numbered_list', 'quote', 'code', 'image']))
    const todos = blocks.filter((block) => block.type === 'to_do').map((block) => [block.get(['properties', 'title']), block.get(['properties', 'checked'])])
    expect(todos).toEqual([
      [[['Write the announcement']], [['Yes']]],
      [[['Record the demo']], [['No']]],
    ])
    expect(blocks.find((block) => block.type === 'code')?.get(['properties', 'language'])).toEqual([['JavaScript']])
  })

  it('sends a big document in parts, through the same path as importMarkdownInParts', async () => {
    const { log, home, serverMarkdown } = await demo()
    const rows = Array.from({ length: 120 }, (_, i) => `<li>Item <b>${i}</b></li>`).join('')
    const html = `<html><head><title>Many items</title></head><body><h1>Many items</h1><p>Intro</p><ul>${rows}</ul></body></html>`
    const progress: ImportProgress[] = []
    const before = log.writes
    const page = await importHtml(home, html, { maxPartBlocks: 50, onProgress: (step) => progress.push(step) })
    expect(progress.map(({ part, parts }) => `${part}/${parts}`)).toEqual(['1/3', '2/3', '3/3'])
    expect(progress.at(-1)).toMatchObject({ blocks: 122, totalBlocks: 122 })
    expect(log.writes - before).toBeGreaterThanOrEqual(3)
    expect(await serverMarkdown(page.id)).toBe(expectedMarkdown(html))
  })

  it('drops scripts, event handlers and javascript: links', async () => {
    const { home, serverMarkdown } = await demo()
    const html = '<h1>Hostile</h1><p onclick="steal()">Hello <a href="javascript:alert(1)">link</a></p><script>steal()</script><img src="x.png" onerror="steal()">'
    const markdown = await serverMarkdown((await importHtml(home, html)).id)
    expect(markdown).toContain('Hello')
    expect(markdown).not.toMatch(/steal|javascript:/)
  })
})

describe('exportHtml', () => {
  it('writes a standalone, readable document with no scripts, the rows of its databases included', async () => {
    const { emu, client } = await demo()
    const page = await client.getPage(emu.demo!.homePageId)
    const html = await exportHtml(page)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<title>Acme Handbook</title>')
    expect(html).toMatch(/<table>[\s\S]*Write onboarding guide[\s\S]*<\/table>/)
    expect(html).not.toMatch(/<script/i)
  })

  it.each(['notion-export.html', 'github-readme.html', 'wiki-article.html'])('reads back what it writes: %s imported, exported and imported again is the same page', async (name) => {
    const { home, serverMarkdown } = await demo()
    const page = await importHtml(home, fixture(name))
    const copy = await importHtml(home, await exportHtml(page))
    expect(await serverMarkdown(copy.id)).toBe(await serverMarkdown(page.id))
  })

  it('document: false gives only the body content', async () => {
    const { home } = await demo()
    const page = await importHtml(home, fixture('wiki-article.html'))
    const body = await exportHtml(page, { document: false })
    expect(body).not.toMatch(/<html|<head|<title/i)
    expect(body).toMatch(/<h2|<p/)
  })
})
