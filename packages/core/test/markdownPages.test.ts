import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { exportMarkdown } from '../src/model/exportMarkdown.js'
import { importMarkdown } from '../src/records/importMarkdown.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import { recordFor, testClient } from './support/testClient.js'

async function demo() {
  const emu = await testEmulator({ seed: 'demo' })
  const workspace = emu.demo!
  const { client: ctx, log } = testClient(emu, { tokenV2: workspace.ownerToken })
  await ctx.loadPage(workspace.homePageId)
  const home = recordFor(ctx, 'block', workspace.homePageId) as PageBlock
  return { emu, ctx, log, home }
}

const document = `## Plan

Ship **it** with :user{#17fe5cca-9d0e-5011-91b6-d7d212b6da12}.

- one
  - nested
- [ ] todo
- [x] done

1. first
2. second

> a quote

:::callout{icon="💡" color="gray_background"}
A tip
:::

:::toggle
More

Hidden
:::

\`\`\`typescript
const x = 1
\`\`\`

$$
a^2
$$

---

![A cat](https://example.com/cat.png)

| a | b     |
| - | ----- |
| 1 | **2** |
`

describe('markdown pages over the emulator', () => {
  it('children.addMarkdown creates the block tree in one request', async () => {
    const { ctx, log, home } = await demo()
    const before = log.writes
    const added = home.children.addMarkdown(document)
    expect(added.map((block) => block.type)).toEqual([
      'sub_header', 'text', 'bulleted_list', 'to_do', 'to_do', 'numbered_list', 'numbered_list',
      'quote', 'callout', 'toggle', 'code', 'equation', 'divider', 'image', 'table',
    ])
    await ctx.transactions.flush()
    expect(log.writes - before).toBe(1)
    const nested = added[2]!.children.at(0)!
    expect(nested.type).toBe('bulleted_list')
    expect(added[10]!.get(['properties', 'language'])).toEqual([['TypeScript']])
    expect(added[13]!.get(['format', 'display_source'])).toBe('https://example.com/cat.png')
  })

  it('the demo handbook exported and imported into a new page exports to the same markdown', async () => {
    const { ctx, home } = await demo()
    const markdown = await exportMarkdown(home)
    expect(markdown.startsWith('# Acme Handbook\n')).toBe(true)
    // Snapshot, read by eye once (UPDATE=1 regenerates it); the demo's ids are stable.
    const file = fileURLToPath(new URL('./fixtures/demo-handbook.md', import.meta.url))
    if (process.env['UPDATE'] || !existsSync(file)) writeFileSync(file, markdown)
    expect(markdown).toBe(readFileSync(file, 'utf8'))
    const copy = importMarkdown(home, markdown)
    await ctx.transactions.flush()
    expect(copy.title).toBe('Acme Handbook')
    expect(await exportMarkdown(copy)).toBe(markdown)
  })

  it('an imported page reads back from the server the same (fresh client)', async () => {
    const { emu, ctx, home } = await demo()
    const copy = importMarkdown(home, `# Notes\n\n${document}`)
    await ctx.transactions.flush()
    const { client: other } = testClient(emu, { tokenV2: emu.demo!.ownerToken })
    await other.loadPage(copy.id)
    const again = recordFor(other, 'block', copy.id) as PageBlock
    expect(await exportMarkdown(again)).toBe(`# Notes\n\n${document}`)
  })
})
