import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { exportCommand } from '../src/exportCommand.js'
import { importCommand } from '../src/importCommand.js'

describe('notion-rx export / import against the emulator', () => {
  it('exports a page, imports it under a parent, and the new page exports the same', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const { ownerToken, homePageId } = emu.demo!
    const common = { tokenV2: ownerToken, apiUrl: `${emu.url}/api/v3` }
    const dir = mkdtempSync(join(tmpdir(), 'notion-rx-md-'))
    const file = join(dir, 'handbook.md')
    const progress: string[] = []
    await exportCommand({ ...common, pageUrl: homePageId, out: file, log: () => {}, onProgress: (text) => progress.push(text) })
    const markdown = readFileSync(file, 'utf8')
    expect(markdown.startsWith('# Acme Handbook\n\n# Welcome to Acme\n')).toBe(true)
    // Links to sub-pages point at the server the page came from, not at notion.so.
    // (The writer escapes the colon, as markdown allows in a link destination.)
    const link = /\[Meeting notes\]\((\S+)\)/.exec(markdown)?.[1]?.replaceAll('\\', '')
    expect(link).toBe(`${emu.url}/${emu.demo!.meetingNotesPageId.replaceAll('-', '')}`)
    // Progress while loading, then while writing.
    expect(progress.some((text) => /^loading: \d+ requests, \d+ blocks$/.test(text))).toBe(true)
    expect(progress.at(-1)).toMatch(/^writing: \d+ blocks$/)
    expect(progress.findIndex((text) => text.startsWith('writing'))).toBeGreaterThan(progress.findIndex((text) => text.startsWith('loading:')))

    const printed: string[] = []
    const newId = await importCommand({ ...common, file, parentUrl: homePageId, print: (line) => printed.push(line) })
    expect(printed[0]).toContain(newId)
    let again = ''
    await exportCommand({ ...common, pageUrl: newId, write: (text) => (again += text), log: () => {} })
    expect(again).toBe(markdown)
  })

  it('import reads a file of any markdown into a titled page', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const { ownerToken, homePageId } = emu.demo!
    const common = { tokenV2: ownerToken, apiUrl: `${emu.url}/api/v3` }
    const file = join(mkdtempSync(join(tmpdir(), 'notion-rx-md-')), 'notes.md')
    writeFileSync(file, '# Notes\n\n- [ ] Ship\n- [x] Test\n')
    const id = await importCommand({ ...common, file, parentUrl: homePageId, print: () => {} })
    let out = ''
    await exportCommand({ ...common, pageUrl: id, write: (text) => (out += text), log: () => {} })
    expect(out).toBe('# Notes\n\n- [ ] Ship\n- [x] Test\n')
  })

  it('import names the page, its address and the committed blocks when a later part fails', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const { ownerToken, homePageId } = emu.demo!
    const file = join(mkdtempSync(join(tmpdir(), 'notion-rx-md-')), 'long.md')
    writeFileSync(file, `# Long\n\n${Array.from({ length: 150 }, (_, i) => `Line ${i}.`).join('\n\n')}\n`)
    const progress: string[] = []
    const failure = importCommand({
      tokenV2: ownerToken,
      apiUrl: emu.apiUrl,
      file,
      parentUrl: homePageId,
      print: () => {},
      parts: { maxPartBlocks: 50 },
      onProgress: (text) => {
        progress.push(text)
        // The server refuses writes once the first part is in.
        if (text.startsWith('writing: part 1 of 4')) emu.setFaults({ rejectWrites: true })
      },
    })
    await expect(failure).rejects.toThrow(
      new RegExp(`^import stopped at part 2 of 4 \\(.+\\); page ([0-9a-f-]{36}) exists with 50 of 151 blocks: .+\\. Created: page ${emu.url}/[0-9a-f]{32} \\(50 blocks committed, the last one [0-9a-f-]{36}\\)$`),
    )
    expect(progress).toContain('writing: part 1 of 4, 50 of 151 blocks')
  })
})
