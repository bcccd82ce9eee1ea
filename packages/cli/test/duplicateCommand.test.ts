import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { exportCommand } from '../src/exportCommand.js'
import { duplicateCommand } from '../src/duplicateCommand.js'

describe('notion-rx duplicate against the emulator', () => {
  for (const mode of ['server', 'client'] as const) {
    it(`copies the demo page under another page, titled, and the copy exports the same (${mode} path)`, { timeout: 60_000 }, async () => {
      const emu = await testEmulator({ seed: 'demo' })
      const { ownerToken, homePageId, meetingNotesPageId } = emu.demo!
      const common = { tokenV2: ownerToken, apiUrl: `${emu.url}/api/v3` }
      const printed: string[] = []
      const progress: string[] = []
      const copyId = await duplicateCommand({ ...common, pageUrl: homePageId, parentUrl: meetingNotesPageId, title: 'Handbook copy', mode, print: (line) => printed.push(line), onProgress: (text) => progress.push(text) })
      expect(printed).toEqual([`duplicated ${homePageId} as page ${copyId}: ${emu.url}/${copyId.replaceAll('-', '')}`])
      expect(progress.at(-1)).toMatch(new RegExp(`^copying \\(${mode}\\): (\\d+) of \\1 records$`))
      let original = ''
      let copy = ''
      await exportCommand({ ...common, pageUrl: homePageId, write: (text) => (original += text), log: () => {} })
      await exportCommand({ ...common, pageUrl: copyId, write: (text) => (copy += text), log: () => {} })
      expect(copy.startsWith('# Handbook copy\n')).toBe(true)
      // The same body; links to copied sub-pages name the copies.
      const body = (text: string) => text.slice(text.indexOf('\n')).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}/g, 'ID')
      expect(body(copy)).toBe(body(original))
      expect(copy).not.toContain(meetingNotesPageId.replaceAll('-', ''))
      await emu.close()
    })
  }
})
