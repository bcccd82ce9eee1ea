import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { DEFAULT_IMPORT_PART_BYTES, importMarkdownInParts, type ImportProgress } from '../src/records/importMarkdownInParts.js'
import { exportMarkdown } from '../src/model/exportMarkdown.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import { PartialImportError } from '../src/records/partialImportError.js'
import { recordFor, testClient } from './support/testClient.js'

/**
 * A document of `sections` sections: a heading, a long paragraph and a nested list each, and a
 * toggle with children every tenth (nesting that parts cut through).
 */
function bigDocument(sections: number): string {
  const parts = ['# Big import\n']
  for (let i = 0; i < sections; i++) {
    parts.push(`## Section ${i}\n`, `Paragraph ${i}: ${'lorem ipsum dolor sit amet '.repeat(40).trim()} **bold ${i}**.\n`, `- item ${i}\n  - nested ${i}\n`)
    if (i % 10 === 0) parts.push(`:::toggle\nDetails ${i}\n\nHidden text ${i}\n\n- hidden item ${i}\n:::\n`)
  }
  return parts.join('\n')
}

async function demo() {
  const emu = await testEmulator({ seed: 'demo' })
  const { client, log } = testClient(emu, { tokenV2: emu.demo!.ownerToken })
  await client.loadPage(emu.demo!.homePageId)
  const home = recordFor(client, 'block', emu.demo!.homePageId) as PageBlock
  return { emu, client, log, home }
}

describe('importMarkdownInParts', () => {
  it('imports more than 1 MB of markdown in ordered parts under the size limit, and it reads back whole', async () => {
    const { emu, log, home } = await demo()
    const markdown = bigDocument(950)
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(1024 * 1024)
    const progress: ImportProgress[] = []
    const writesBefore = log.writeBodies.length
    const page = await importMarkdownInParts(home, markdown, { onProgress: (step) => progress.push(step) })

    // One entry per HTTP attempt: a retry under load sends the same body again.
    const bodies = [...new Map(log.writeBodies.slice(writesBefore).map((operations) => [JSON.stringify(operations), operations])).values()]
    expect(bodies.length).toBeGreaterThan(10)
    for (const operations of bodies) expect(Buffer.byteLength(JSON.stringify(operations))).toBeLessThanOrEqual(DEFAULT_IMPORT_PART_BYTES)
    // One progress step per part, counting up to every block.
    expect(progress.map((step) => step.part)).toEqual(bodies.map((_, index) => index + 1))
    expect(progress.at(-1)).toMatchObject({ part: bodies.length, parts: bodies.length })
    expect(progress.at(-1)!.blocks).toBe(progress.at(-1)!.totalBlocks)
    expect(home.children.ids.at(-1)).toBe(page.id)

    // A fresh client reads the page from the server: the same document, in order.
    const { client: reader } = testClient(emu, { tokenV2: emu.demo!.ownerToken })
    await reader.loadPage(page.id)
    const again = recordFor(reader, 'block', page.id) as PageBlock
    expect(again.title).toBe('Big import')
    expect(await exportMarkdown(again)).toBe(markdown)
  }, 180_000)

  it('a small document goes in one transaction', async () => {
    const { log, home } = await demo()
    const before = log.writes
    const page = await importMarkdownInParts(home, '# Small\n\nOne line.\n')
    expect(log.writes - before).toBe(1)
    expect(await exportMarkdown(page)).toBe('# Small\n\nOne line.\n')
  })

  it('a part that fails after others committed reports the page and the committed blocks', async () => {
    const { emu, home } = await demo()
    const markdown = bigDocument(60)
    let error: unknown
    try {
      await importMarkdownInParts(home, markdown, {
        maxPartBlocks: 50,
        onProgress: (step) => {
          // The server starts refusing writes after the second part.
          if (step.part === 2) emu.setFaults({ rejectWrites: true })
        },
      })
    } catch (caught) {
      error = caught
    }
    expect(PartialImportError.isPartialImportError(error)).toBe(true)
    const partial = error as PartialImportError
    expect(partial.partsCommitted).toBe(2)
    expect(partial.committedBlockIds).toHaveLength(100)
    expect(partial.committedBlockIds[0]).toBe(partial.pageId)
    expect(partial.message).toMatch(/^import stopped at part 3 of \d+ \(.+\); page [0-9a-f-]{36} exists with 100 of \d+ blocks/)
    emu.setFaults({})
    // What the error names is what the server holds.
    const { client: reader } = testClient(emu, { tokenV2: emu.demo!.ownerToken })
    await reader.loadPage(partial.pageId)
    for (const id of partial.committedBlockIds) expect(reader.store.get('block', id)?.value?.['alive']).toBe(true)
  })

  it('rejects limits that cannot make progress', async () => {
    const { home } = await demo()
    await expect(importMarkdownInParts(home, '# x\n', { maxPartBlocks: 0 })).rejects.toThrow(RangeError)
  })
})
