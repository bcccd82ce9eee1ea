import { describe, expect, it } from 'vitest'
import { testEmulator } from '../../emulator/test/support/testEmulator.js'
import { testClient } from './support/testClient.js'

// The emulator's strict mode answers as today's Notion does for most callers; the SDK must work there.
describe('the SDK against the strict emulator (today\'s Notion)', () => {
  it('loads a page and writes without touching retired endpoints', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const { client, log } = testClient(emu, { tokenV2: demo.ownerToken }, { baseUrl: emu.apiUrlFor({ strict: true }) })
    const page = await client.getBlock(demo.homePageId)
    expect(page.children.ids.length).toBeGreaterThan(0)
    page.children.addNew('text', { title: 'written in strict mode' })
    await client.flush()
    expect(log.calls).not.toContain('syncRecordValues')
    const { client: reader } = testClient(emu, { tokenV2: demo.ownerToken }, { baseUrl: emu.apiUrlFor({ strict: true }) })
    const again = await reader.getBlock(demo.homePageId)
    expect([...again.children].map((block) => (block as { title?: string }).title)).toContain('written in strict mode')
  })
})
