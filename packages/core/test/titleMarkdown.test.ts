import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { BasicBlock } from '../src/records/basicBlock.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import type { TextBlock } from '../src/records/textBlocks.js'
import { recordFor, testClient } from './support/testClient.js'

async function demo() {
  const emu = await testEmulator({ seed: 'demo' })
  const workspace = emu.demo!
  const { client: ctx, log } = testClient(emu, { tokenV2: workspace.ownerToken })
  await ctx.loadPage(workspace.homePageId)
  const home = recordFor(ctx, 'block', workspace.homePageId) as PageBlock
  return { ctx, log, home }
}

describe('block.title is markdown', () => {
  it('reads decorations and mentions as markdown, titlePlaintext as text, titleRichText raw', async () => {
    const { home } = await demo()
    const rich = home.children.filter('text')[0]! as TextBlock
    expect(rich.title).toContain('*first week*')
    expect(rich.title).toContain("[style guide](https://example.com/style-guide)")
    expect(rich.title).toContain(":color[red flags]{value='red'}")
    expect(rich.titlePlaintext).toContain('This handbook has everything you need in your first week')
    expect(rich.titleRichText.some(([, decorations]) => decorations?.some(([code]) => code === 'u'))).toBe(true)
  })

  it('reading a title and writing it back changes nothing (no write is queued)', async () => {
    const { ctx, log, home } = await demo()
    const before = log.writes
    for (const block of home.children) {
      if (!(block instanceof BasicBlock)) continue
      const titled = block
      const raw = titled.titleRichText
      titled.title = titled.title
      expect(titled.titleRichText).toBe(raw)
    }
    await ctx.transactions.flush()
    expect(log.writes).toBe(before)
  })

  it('writes markdown as rich text, losslessly', async () => {
    const { ctx, home } = await demo()
    const block = home.children.addNew('text', { title: 'Ship **it** by :date{type=\'date\' start_date=\'2024-05-01\'}' })
    expect(block.titleRichText).toEqual([
      ['Ship '],
      ['it', [['b']]],
      [' by '],
      ['‣', [['d', { type: 'date', start_date: '2024-05-01' }]]],
    ])
    block.title = ':color[red]{value=\'red\'} and `code`'
    expect(block.titleRichText).toEqual([['red', [['h', 'red']]], [' and '], ['code', [['c']]]])
    expect(block.title).toBe(':color[red]{value=\'red\'} and `code`')
    await ctx.transactions.flush()
  })
})
