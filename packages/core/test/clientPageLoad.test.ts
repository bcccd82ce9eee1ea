import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { Block } from '../src/records/block.js'
import { CollectionViewBlock } from '../src/databases/databaseBlocks.js'
import { PageBlock } from '../src/records/pageBlocks.js'
import { BulletedListBlock, NumberedListBlock, ToDoBlock, ToggleBlock } from '../src/records/textBlocks.js'
import { buildBigPage } from './support/bigPage.js'
import { testClient } from './support/testClient.js'

describe.each(['nested', 'flat'] as const)('a 2,000-block page (%s envelope)', (envelope) => {
  it('loads fully through getBlock: every block, the inline database past the first chunk, in 1 + levels requests', async () => {
    const emu = await testEmulator({ envelope })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const big = buildBigPage(emu, ada)
    expect(big.blockIds).toHaveLength(2000)
    const { client, log } = testClient(emu, ada)
    await client.ready
    const before = log.count()
    const tripsBefore = log.roundTrips

    const page = await client.getBlock(big.pageId)
    const requests = log.count() - before
    const roundTrips = log.roundTrips - tripsBefore

    expect(page).toBeInstanceOf(PageBlock)
    const missing = big.blockIds.filter((id) => !client.store.get('block', id)?.value)
    expect(missing).toEqual([])
    // Through the object model, depth first, the same 2,000 blocks in the same order.
    const walked: string[] = []
    const walk = (block: Block) => {
      for (const child of block.children) {
        walked.push(child.id)
        walk(child)
      }
    }
    walk(page)
    expect(walked).toEqual(big.blockIds)
    const database = client.store.get('block', big.databaseBlockId)
    expect(page.children.ids.indexOf(big.databaseBlockId)).toBeGreaterThanOrEqual(100)
    expect(database?.value?.['type']).toBe('collection_view')
    const databaseBlock = page.children.at(page.children.ids.indexOf(big.databaseBlockId))
    expect(databaseBlock).toBeInstanceOf(CollectionViewBlock)
    expect((databaseBlock as CollectionViewBlock).collectionId).toBe(big.collectionId)
    expect(client.store.get('collection', big.collectionId)?.value?.['name']).toEqual([['Inline tasks']])
    for (const viewId of big.viewIds) expect(client.store.get('collection_view', viewId)?.value).toBeDefined()
    const toggle = page.children.at(0)!
    expect(toggle).toBeInstanceOf(ToggleBlock)
    expect(toggle.children.at(0)).toBeInstanceOf(BulletedListBlock)
    expect(toggle.children.at(0)!.children.at(2)).toBeInstanceOf(NumberedListBlock)
    expect(toggle.children.at(0)!.children.at(2)!.children.at(0)).toBeInstanceOf(ToDoBlock)

    // The first chunk, then one bulk fetch per level (up to 1,000 records a request): never one
    // request per block or per chunk.
    expect(roundTrips).toBe(1 + big.depth)
    expect(requests).toBe(1 + big.depth)
    expect(log.calls.slice(-requests)).toEqual(['loadCachedPageChunkV2', ...Array(requests - 1).fill('syncRecordValuesMain')])
    const stats = await testClient(emu, ada).client.loadPageWithStats(big.pageId)
    // loadPageWithStats counts round trips (one per level, however many batches).
    expect(stats).toEqual({ requests: roundTrips, blocks: 2001 })
  })
})
