import { describe, expect, it } from 'vitest'
import { BasicBlock } from '../src/records/basicBlock.js'
import type { RecordChange } from '../src/store/recordChange.js'
import { TEST_MONITOR, waitFor, workspace } from './monitorSupport.js'

describe('record change feeds with live updates', () => {
  it('block.watch() subscribes the block on the message store and hears another client\'s write', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob, TEST_MONITOR)
    const pageAtA = await a.getBlock(ws.pageId, { as: BasicBlock })
    const pageAtB = await b.getBlock(ws.pageId, { as: BasicBlock })
    const seen: RecordChange[][] = []
    const stop = pageAtB.watch((block, changes) => {
      expect(block.equals(pageAtB)).toBe(true)
      seen.push([...changes])
    })
    await waitFor(() => b.monitor!.subscriptionKeys().includes(`versions/${ws.pageId}:block`), 'B subscribed by watch()')
    pageAtA.title = 'Renamed by A'
    await waitFor(() => pageAtB.title === 'Renamed by A', "A's title at B")
    expect(seen.flat().some((change) => change.origin === 'remote')).toBe(true)
    stop()
  })

  it('for await (const change of block.changes()) receives remote changes', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob, TEST_MONITOR)
    const pageAtA = await a.getBlock(ws.pageId, { as: BasicBlock })
    const pageAtB = await b.getBlock(ws.pageId, { as: BasicBlock })
    const received: RecordChange[] = []
    const loop = (async () => {
      for await (const change of pageAtB.changes()) {
        received.push(change)
        if (change.origin === 'remote') break
      }
    })()
    await waitFor(() => b.monitor!.subscriptionKeys().includes(`versions/${ws.pageId}:block`), 'B subscribed by changes()')
    pageAtA.title = 'Iterated'
    await loop
    expect(received.at(-1)).toMatchObject({ table: 'block', id: ws.pageId, origin: 'remote' })
    expect(pageAtB.title).toBe('Iterated')
  })
})
